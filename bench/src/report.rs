//! Prints the figures: the workload, one line per relay, the ratios next to the goals, the
//! storage evidence and the join test. Prints only; decides nothing.

use std::time::Duration;

use crate::join::{JoinResult, JoinTest};
use crate::load::{LoadResult, Workload};
use crate::storage::Commits;

/// Goal: our relay's CPU time per delivery at most this share of the reference's.
const GOAL_CPU: (f64, &str) = (1.0 / 3.0, "1/3");
/// Goal: our p99 fan-out latency at most this share of the reference's.
const GOAL_P99: (f64, &str) = (1.0 / 3.0, "1/3");
/// Goal: our peak resident set at most this share of the reference's.
const GOAL_RSS: (f64, &str) = (0.2, "1/5");

/// One relay's load figures.
#[derive(Debug)]
pub struct LoadRow {
    /// The relay's name.
    pub name: String,
    /// What the workload measured.
    pub result: LoadResult,
}

/// What our relay's storage showed during and after the load run.
#[derive(Debug)]
pub struct StorageEvidence {
    /// Commits during the whole run (warm-up, window, drain).
    pub commits: Commits,
    /// Updates the clients sent during the whole run.
    pub sent: u64,
    /// Of those, found in SQLite after the relay was killed with SIGKILL.
    pub stored: u64,
    /// `full` or `normal`.
    pub durability: &'static str,
}

/// Prints what the load run does.
pub fn workload(w: &Workload) {
    let per_doc = w.clients as f64 / w.documents as f64;
    let deliveries = w.clients as f64 * w.rate * (per_doc - 1.0);
    println!(
        "Load: {} clients on {} documents ({per_doc:.0} per document), {} update/s each (one ~30-byte Y.Map entry),",
        w.clients, w.documents, w.rate
    );
    println!(
        "      {:.0} updates/s in, {deliveries:.0} deliveries/s owed. Per relay {} rounds of: connect, warm-up {} s,",
        w.clients as f64 * w.rate,
        w.rounds,
        w.warmup.as_secs_f64(),
    );
    println!(
        "      measure {} s, drain {} s; the relays take turns (ours, reference, reference, ours, ...).",
        w.measure.as_secs_f64(),
        w.drain.as_secs_f64(),
    );
}

/// Prints one line per relay.
pub fn load_table(rows: &mut [LoadRow]) {
    println!();
    println!(
        "{:<26} {:>8} {:>10} {:>8} {:>8} {:>7} {:>7} {:>9} {:>9} {:>6}",
        "relay", "sent/s", "deliv/s", "p50 ms", "p99 ms", "lost", "CPU s", "CPU µs/d", "RSS MiB", "gen %"
    );
    for row in rows.iter_mut() {
        let r = &mut row.result;
        let window = r.window.as_secs_f64();
        println!(
            "{:<26} {:>8.1} {:>10.1} {:>8} {:>8} {:>7} {:>7.2} {:>9.1} {:>9.1} {:>6.0}",
            row.name,
            r.sent_in_window as f64 / window,
            r.delivered as f64 / window,
            ms(r.latencies.percentile(50.0)),
            ms(r.latencies.percentile(99.0)),
            r.expected.saturating_sub(r.delivered),
            r.relay_cpu.total().as_secs_f64(),
            cpu_per_delivery_us(r).unwrap_or(f64::NAN),
            mb(r.relay_peak_rss),
            100.0 * r.generator_cpu.as_secs_f64() / window,
        );
    }
    for row in rows.iter() {
        let (cpu, n) = (row.result.relay_cpu, row.result.delivered.max(1) as f64);
        println!(
            "{:<26} CPU per delivery: {:.1} µs user + {:.1} µs system (kernel)",
            row.name,
            cpu.user.as_secs_f64() * 1e6 / n,
            cpu.system.as_secs_f64() * 1e6 / n
        );
    }
    for row in rows.iter() {
        if row.result.failed_clients > 0 {
            println!("{}: {} clients lost their connection:", row.name, row.result.failed_clients);
            for failure in &row.result.failures {
                println!("    {failure}");
            }
        }
    }
    println!("(p50/p99: fan-out latency, send to receipt by another client; lost: owed deliveries of updates sent");
    println!(" in the window that had not arrived by the end of the drain; CPU: relay user+system time in the window;");
    println!(" RSS: relay peak resident set, VmHWM; gen %: the load generator's own CPU, of one core)");
}

/// Prints ours/reference ratios next to the goals.
pub fn goals(ours: &mut LoadRow, reference: &mut LoadRow) {
    ratios(ours, reference, "");
}

/// Prints the floor's share of the reference next to the same goals: how far below the
/// reference a relay could get at all at this load, when it does nothing but copy frames.
pub fn floor(floor: &mut LoadRow, reference: &mut LoadRow) {
    ratios(floor, reference, " (no relay can do less than the floor)");
}

/// Prints `a`/`b` for CPU per delivery, p99 latency and peak RSS, each beside its goal.
fn ratios(a: &mut LoadRow, b: &mut LoadRow, remark: &str) {
    println!();
    println!("{} / {}{remark}:", a.name, b.name);
    let (a, b) = (&mut a.result, &mut b.result);
    let cpu = cpu_per_delivery_us(a).zip(cpu_per_delivery_us(b)).map(|(x, y)| x / y);
    goal("CPU per delivery", cpu, GOAL_CPU);
    let p99 = a.latencies.percentile(99.0).zip(b.latencies.percentile(99.0)).map(|(x, y)| ratio(x, y));
    goal("p99 fan-out latency", p99, GOAL_P99);
    goal("peak RSS", Some(a.relay_peak_rss as f64 / b.relay_peak_rss as f64), GOAL_RSS);
}

fn goal(what: &str, ratio: Option<f64>, (goal, shown): (f64, &str)) {
    match ratio {
        Some(x) if x.is_finite() => {
            let verdict = if x <= goal { "met" } else { "NOT met" };
            println!("  {what:<22} {x:>7.3}   goal ≤ {shown}   {verdict}");
        }
        _ => println!("  {what:<22}     n/a   goal ≤ {shown}   not measured"),
    }
}

/// Prints what our relay committed and how.
pub fn storage(evidence: &StorageEvidence, reference_ran: bool) {
    let c = &evidence.commits;
    println!();
    println!(
        "Storage (ours, durability {}): {} of {} updates sent are in SQLite after SIGKILL at the end;",
        evidence.durability, evidence.stored, evidence.sent
    );
    let mean_ms = if c.count > 0 { 1000.0 * c.seconds / c.count as f64 } else { 0.0 };
    println!(
        "  {} commits ({:.1} updates per commit), {mean_ms:.2} ms per commit on average, {:.1} s committing in all.",
        c.count,
        evidence.sent as f64 / c.count.max(1) as f64,
        c.seconds
    );
    let bound = |q: f64| match c.quantile_bound(q) {
        Some(s) if s.is_finite() => format!("≤ {:.1} ms", s * 1000.0),
        Some(_) => "over the histogram's last bound".to_owned(),
        None => "-".to_owned(),
    };
    println!(
        "  Commit time from the relay's histogram: p50 {}, p99 {}, p99.9 {}.",
        bound(0.5),
        bound(0.99),
        bound(0.999)
    );
    println!("  Each update is forwarded only after its commit returned (relay/src/room.rs, apply_update).");
    if reference_ran {
        println!("  The reference keeps documents in memory only (no persistence) and echoes every update back");
        println!("  to its sender as well (those echoes are not counted as deliveries).");
    }
}

/// Prints what the join test does.
pub fn join_header(test: &JoinTest) {
    println!();
    println!(
        "Join: {} clients open a {:.2} MB document (one Y.Text) at the same moment; the writer stays connected.",
        test.joiners,
        test.size as f64 / 1e6
    );
}

/// Prints one line per relay of the join test, then our/reference ratios.
pub fn join_table(rows: &mut [(String, JoinResult)]) {
    println!(
        "{:<26} {:>7} {:>8} {:>8} {:>7} {:>9} {:>7}",
        "relay", "joined", "p50 ms", "max ms", "CPU s", "RSS MiB", "gen s"
    );
    for (name, r) in rows.iter_mut() {
        println!(
            "{:<26} {:>7} {:>8} {:>8} {:>7.2} {:>9.1} {:>7.2}",
            name,
            r.times.len(),
            ms(r.times.percentile(50.0)),
            ms(r.times.percentile(100.0)),
            r.relay_cpu.as_secs_f64(),
            mb(r.relay_peak_rss),
            r.generator_cpu.as_secs_f64(),
        );
        for failure in &r.failures {
            println!("    {failure}");
        }
    }
    if let [(ours, o), (reference, r)] = rows {
        let p50 = o.times.percentile(50.0).zip(r.times.percentile(50.0)).map(|(a, b)| ratio(a, b));
        let max = o.times.percentile(100.0).zip(r.times.percentile(100.0)).map(|(a, b)| ratio(a, b));
        let show = |x: Option<f64>| x.map_or("n/a".to_owned(), |x| format!("{x:.2}"));
        println!(
            "{ours} / {reference}: p50 {}, max {} (time until every joiner has the whole document)",
            show(p50),
            show(max)
        );
    }
    println!("(times from the common start until each client held the whole document; CPU s: the relay's CPU");
    println!(" time meanwhile; gen s: the load generator's, which receives and applies every copy)");
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn cpu_per_delivery_us(r: &LoadResult) -> Option<f64> {
    (r.delivered > 0).then(|| r.relay_cpu.total().as_secs_f64() * 1e6 / r.delivered as f64)
}

fn ms(d: Option<Duration>) -> String {
    d.map_or("-".to_owned(), |d| format!("{:.2}", d.as_secs_f64() * 1000.0))
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
