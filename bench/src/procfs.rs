//! What Linux's /proc says about a process: CPU time used so far and peak resident memory.
//!
//! Reads `/proc/{pid}/stat` (utime + stime of all threads, in clock ticks) and
//! `/proc/{pid}/status` (`VmHWM`, the high-water mark of the resident set). Linux only.

use std::io;
use std::time::Duration;

/// Which process to read: a child by its id, or the load generator itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pid {
    /// A process id.
    Of(u32),
    /// `/proc/self`.
    Myself,
}

impl Pid {
    fn dir(self) -> String {
        match self {
            Pid::Of(pid) => format!("/proc/{pid}"),
            Pid::Myself => "/proc/self".to_owned(),
        }
    }
}

/// CPU time a process used, all threads together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CpuTime {
    /// Time running its own code.
    pub user: Duration,
    /// Time in the kernel on its behalf (system calls, TCP, page faults, ...).
    pub system: Duration,
}

impl CpuTime {
    /// User + system.
    pub fn total(self) -> Duration {
        self.user + self.system
    }

    /// The time used between `earlier` and `self`.
    pub fn since(self, earlier: CpuTime) -> CpuTime {
        CpuTime { user: self.user.saturating_sub(earlier.user), system: self.system.saturating_sub(earlier.system) }
    }
}

impl std::ops::AddAssign for CpuTime {
    fn add_assign(&mut self, other: CpuTime) {
        self.user += other.user;
        self.system += other.system;
    }
}

/// CPU time the process has used since it started (whole clock ticks, usually 10 ms).
pub fn cpu_time(pid: Pid) -> io::Result<CpuTime> {
    let stat = std::fs::read_to_string(format!("{}/stat", pid.dir()))?;
    let (user, system) = parse_stat_ticks(&stat)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "unexpected /proc/PID/stat format"))?;
    let seconds = |ticks: u64| Duration::from_secs_f64(ticks as f64 / clock_ticks_per_second());
    Ok(CpuTime { user: seconds(user), system: seconds(system) })
}

/// The process's peak resident set size (`VmHWM`), in bytes.
pub fn peak_rss(pid: Pid) -> io::Result<u64> {
    let status = std::fs::read_to_string(format!("{}/status", pid.dir()))?;
    parse_vm_hwm(&status).ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no VmHWM in /proc/PID/status"))
}

/// utime and stime in clock ticks from the text of `/proc/PID/stat`.
///
/// The second field (the command name) is in parentheses and may contain spaces, so the
/// fields are counted from the last `)`: state is field 3, utime 14 and stime 15.
fn parse_stat_ticks(stat: &str) -> Option<(u64, u64)> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let utime: u64 = fields.get(14 - 3)?.parse().ok()?;
    let stime: u64 = fields.get(15 - 3)?.parse().ok()?;
    Some((utime, stime))
}

/// `VmHWM` in bytes from the text of `/proc/PID/status` (the kernel writes it in kB).
fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kb: u64 = line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
}

/// The kernel's clock ticks per second (`sysconf(_SC_CLK_TCK)`, almost always 100).
fn clock_ticks_per_second() -> f64 {
    // SAFETY: sysconf only reads a configuration value; it has no preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if ticks > 0 { ticks as f64 } else { 100.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_ticks_are_counted_after_a_name_with_spaces() {
        let stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 3 0";
        assert_eq!(parse_stat_ticks(stat), Some((250, 50)));
        assert_eq!(parse_stat_ticks("garbage"), None);
    }

    #[test]
    fn vm_hwm_is_read_in_bytes() {
        let status = "Name:\tnode\nVmPeak:\t  900 kB\nVmHWM:\t   51200 kB\nVmRSS:\t 40000 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(51200 * 1024));
        assert_eq!(parse_vm_hwm("Name:\tx\n"), None);
    }

    #[test]
    fn this_process_can_be_read() {
        assert!(cpu_time(Pid::Myself).is_ok());
        assert!(peak_rss(Pid::Myself).is_ok_and(|bytes| bytes > 0));
    }
}
