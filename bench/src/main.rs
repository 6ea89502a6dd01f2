//! liandong-bench: a load generator that compares our relay with the reference Node relay
//! (npm `@y/websocket-server`) at the same fixed load, in the same run, and prints both with
//! ratios. It prints figures; it never passes or fails on them.
//!
//! A map of the crate:
//! - this file: the command line, and the order of the runs.
//! - [`ours`] and [`reference`] start the relays under test, [`floor`] the fan-out-only
//!   floor (`--floor`); [`target`] is a running one
//!   (its URLs, its /proc figures, stopping it).
//! - [`client`]: one y-websocket client (connect, sync, send, apply what arrives).
//! - [`load`]: the fan-out workload (N clients, M documents, fixed rate) and its figures.
//! - [`join`]: many clients opening one large document at once.
//! - [`storage`]: our relay's commit figures and what its database holds afterwards.
//! - [`procfs`]: CPU time and peak RSS from /proc; [`stats`]: percentiles.
//! - [`report`]: the printed tables.

mod client;
mod floor;
mod join;
mod load;
mod ours;
mod procfs;
mod reference;
mod report;
mod stats;
mod storage;
mod target;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use liandong_relay::store::sqlite::Durability;

use crate::join::JoinTest;
use crate::load::Workload;
use crate::report::{LoadRow, StorageEvidence};
use crate::target::Target;

/// The error of anything that fails at the edges (processes, sockets, files).
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Load generator: liandong-relay against the reference y-websocket server at a fixed load.
///
/// Defaults are the workload: 500 clients on 50 documents, 1 update/s each, then 50
/// clients joining a 1 MB document. `--quick` shrinks everything for a smoke test; flags
/// given explicitly win over both.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// Small and short everything (40 clients, 4 documents, 3 s measured in one round, 10
    /// joiners of 128 KiB).
    #[arg(long)]
    quick: bool,
    /// Clients (N) [default: 500].
    #[arg(long)]
    clients: Option<usize>,
    /// Documents (M) the clients are spread over [default: 50].
    #[arg(long)]
    documents: Option<usize>,
    /// Updates per second each client sends.
    #[arg(long, default_value_t = 1.0)]
    rate: f64,
    /// Seconds of sending before the measured window [default: 5].
    #[arg(long)]
    warmup: Option<f64>,
    /// Seconds measured per relay, split evenly over the rounds [default: 30].
    #[arg(long)]
    measure: Option<f64>,
    /// Rounds per relay: the relays take turns so both meet the same background load
    /// [default: 3; 1 with --quick].
    #[arg(long)]
    rounds: Option<usize>,
    /// Seconds of reading after the last send, for late deliveries [default: 3].
    #[arg(long)]
    drain: Option<f64>,
    /// Clients that join the large document at once [default: 50].
    #[arg(long)]
    join_clients: Option<usize>,
    /// Bytes of the large document's text [default: 1048576].
    #[arg(long)]
    join_bytes: Option<usize>,
    /// Skip the join test.
    #[arg(long)]
    no_join: bool,
    /// Which relays to run.
    #[arg(long, value_enum, default_value = "both")]
    only: Which,
    /// Also measure `floor-relay`, a fan-out with no document, storage or access check:
    /// what the kernel and WebSocket framing alone cost per delivery.
    #[arg(long)]
    floor: bool,
    /// Our relay's SQLite durability.
    #[arg(long, value_enum, default_value = "full")]
    durability: Durability,
    /// The liandong-relay binary [default: target/relay/liandong-relay, the relay profile's build].
    #[arg(long)]
    relay_bin: Option<PathBuf>,
    /// Folder for our relay's temporary data folder (keep it on a real disk).
    #[arg(long, default_value_os_t = std::env::temp_dir())]
    data_parent: PathBuf,
    /// The node executable.
    #[arg(long, default_value = "node")]
    node: PathBuf,
    /// The reference server script [default: node_modules/@y/websocket-server/src/server.js of the workspace].
    #[arg(long)]
    reference_script: Option<PathBuf>,
    /// Connections opened at the same time while the load clients join.
    #[arg(long, default_value_t = 32)]
    connect_concurrency: usize,
}

/// Which relays a run measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Which {
    /// Ours and the reference, with ratios.
    Both,
    /// Only liandong-relay.
    Ours,
    /// Only the reference.
    Reference,
}

impl Cli {
    fn workload(&self) -> Workload {
        let q = self.quick;
        let secs =
            |v: Option<f64>, quick: f64, full: f64| Duration::from_secs_f64(v.unwrap_or(if q { quick } else { full }));
        let rounds = self.rounds.unwrap_or(if q { 1 } else { 3 }).max(1);
        Workload {
            clients: self.clients.unwrap_or(if q { 40 } else { 500 }),
            documents: self.documents.unwrap_or(if q { 4 } else { 50 }),
            rate: self.rate,
            warmup: secs(self.warmup, 1.0, 5.0),
            measure: secs(self.measure, 3.0, 30.0) / rounds as u32,
            drain: secs(self.drain, 1.0, 3.0),
            rounds,
            connect_concurrency: self.connect_concurrency,
        }
    }

    fn join_test(&self) -> JoinTest {
        let q = self.quick;
        JoinTest {
            joiners: self.join_clients.unwrap_or(if q { 10 } else { 50 }),
            size: self.join_bytes.unwrap_or(if q { 128 * 1024 } else { 1024 * 1024 }),
        }
    }

    fn ours(&self) -> Result<ours::Options, BoxError> {
        let bin = match &self.relay_bin {
            Some(bin) => bin.clone(),
            None => {
                // target/release/liandong-bench -> target/relay/liandong-relay
                let exe = std::env::current_exe()?;
                let target = exe.parent().and_then(|p| p.parent()).map(|t| t.join("relay").join("liandong-relay"));
                target.unwrap_or_else(|| exe.with_file_name("liandong-relay"))
            }
        };
        Ok(ours::Options { bin, durability: self.durability, data_parent: self.data_parent.clone() })
    }

    fn reference(&self) -> reference::Options {
        let script = self.reference_script.clone().unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../node_modules/@y/websocket-server/src/server.js")
        });
        reference::Options { node: self.node.clone(), script }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("liandong-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: &Cli) -> Result<(), BoxError> {
    let workload = cli.workload();
    let ours_options = cli.ours()?;
    let reference_options = cli.reference();

    println!("联动 relay benchmark: both relays under the same fixed load in one run, on 127.0.0.1.");
    println!("Absolute figures are noisy on a shared 2-core machine; compare the ratios.");
    report::workload(&workload);

    let mut ours = match cli.only {
        Which::Reference => None,
        _ => Some(ours::start(&ours_options).await?),
    };
    let mut reference = match cli.only {
        Which::Ours => None,
        _ => match reference::start(&reference_options).await {
            Ok(target) => Some(target),
            Err(e) => {
                println!("reference not run: {e}");
                None
            }
        },
    };
    let mut floor = match cli.floor {
        true => Some(floor::start().await?),
        false => None,
    };
    let commits_before = match &ours {
        Some(target) => Some(storage::commits(target.addr()).await?),
        None => None,
    };
    let mut results: [Option<load::LoadResult>; 3] = [None, None, None];
    for round in 0..workload.rounds {
        // ABBA order: ours, reference, (floor,) (floor,) reference, ours, ...
        let order = if round % 2 == 0 { [0, 1, 2] } else { [2, 1, 0] };
        for slot in order {
            let Some(target) = [&ours, &reference, &floor][slot] else { continue };
            progress(&format!("load on {}, round {} of {}", target.name, round + 1, workload.rounds));
            let result = load::run(target, &workload, round).await?;
            match &mut results[slot] {
                Some(total) => total.merge(result),
                None => results[slot] = Some(result),
            }
        }
    }
    let evidence = match (&mut ours, commits_before, &results[0]) {
        (Some(target), Some(before), Some(result)) => {
            Some(storage_evidence(target, before, result.sent_total, &workload, ours_options.durability).await?)
        }
        _ => None,
    };
    for target in [&mut reference, &mut floor].into_iter().flatten() {
        target.stop().await;
    }

    let names = [&ours, &reference, &floor].map(|t| t.as_ref().map(|t| t.name.clone()));
    let mut rows: Vec<LoadRow> = names
        .into_iter()
        .zip(results)
        .filter_map(|(name, result)| Some(LoadRow { name: name?, result: result? }))
        .collect();
    report::load_table(&mut rows);
    if let [ours, reference, ..] = rows.as_mut_slice()
        && ours.name.starts_with("liandong")
        && reference.name.starts_with("reference")
    {
        report::goals(ours, reference);
    }
    if let [.., reference, floor] = rows.as_mut_slice()
        && floor.name.starts_with("floor")
        && reference.name.starts_with("reference")
    {
        report::floor(floor, reference);
    }
    if let Some(evidence) = &evidence {
        report::storage(evidence, rows.len() == 2);
    }

    if !cli.no_join {
        let test = cli.join_test();
        report::join_header(&test);
        let mut join_rows = Vec::new();
        if cli.only != Which::Reference {
            join_rows.push(join_on(ours::start(&ours_options).await?, &test).await?);
        }
        if cli.only != Which::Ours {
            match reference::start(&reference_options).await {
                Ok(target) => join_rows.push(join_on(target, &test).await?),
                Err(e) => println!("reference not run: {e}"),
            }
        }
        report::join_table(&mut join_rows);
    }
    Ok(())
}

/// Reads our relay's commit figures, kills it (SIGKILL, as a crash would) and counts the
/// updates its database holds.
async fn storage_evidence(
    target: &mut Target,
    commits_before: storage::Commits,
    sent: u64,
    workload: &Workload,
    durability: Durability,
) -> Result<StorageEvidence, BoxError> {
    let commits = storage::commits(target.addr()).await?.since(&commits_before);
    target.kill().await;
    let data = target.data_dir().ok_or("our relay has no data folder")?;
    let stored = storage::stored_entries(&data, &workload.document_ids(), load::MAP).await?;
    Ok(StorageEvidence { commits, sent, stored, durability: ours::durability_name(durability) })
}

/// Runs the join test on a freshly started relay, then stops it.
async fn join_on(mut target: Target, test: &JoinTest) -> Result<(String, join::JoinResult), BoxError> {
    progress(&format!("join test on {}", target.name));
    let result = join::run(&target, test).await;
    target.stop().await;
    Ok((target.name.clone(), result?))
}

/// Tells the operator what runs now (on stderr, so stdout holds only the report).
fn progress(what: &str) {
    eprintln!("[bench] {what} ...");
}
