//! Latency samples and their percentiles.

use std::time::Duration;

/// Fan-out latencies, one sample per delivery, in microseconds.
#[derive(Debug, Default, Clone)]
pub struct Latencies {
    samples_us: Vec<u32>,
    sorted: bool,
}

impl Latencies {
    /// An empty set with room for `capacity` samples.
    pub fn with_capacity(capacity: usize) -> Self {
        Self { samples_us: Vec::with_capacity(capacity), sorted: true }
    }

    /// Records one latency (saturating at about 71 minutes).
    pub fn record(&mut self, latency: Duration) {
        self.samples_us.push(u32::try_from(latency.as_micros()).unwrap_or(u32::MAX));
        self.sorted = false;
    }

    /// Adds every sample of `other`.
    pub fn merge(&mut self, other: Latencies) {
        self.samples_us.extend(other.samples_us);
        self.sorted = false;
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.samples_us.len()
    }

    /// The `p`-th percentile (`p` in 0..=100, nearest rank), or `None` without samples.
    pub fn percentile(&mut self, p: f64) -> Option<Duration> {
        if self.samples_us.is_empty() {
            return None;
        }
        if !self.sorted {
            self.samples_us.sort_unstable();
            self.sorted = true;
        }
        let n = self.samples_us.len();
        let rank = ((p / 100.0) * n as f64).ceil() as usize;
        let index = rank.clamp(1, n) - 1;
        Some(Duration::from_micros(u64::from(self.samples_us[index])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let mut l = Latencies::default();
        assert_eq!(l.percentile(50.0), None);
        for us in (1..=100).rev() {
            l.record(Duration::from_micros(us));
        }
        assert_eq!(l.percentile(50.0), Some(Duration::from_micros(50)));
        assert_eq!(l.percentile(99.0), Some(Duration::from_micros(99)));
        assert_eq!(l.percentile(100.0), Some(Duration::from_micros(100)));
        assert_eq!(l.percentile(0.0), Some(Duration::from_micros(1)));
    }

    #[test]
    fn merged_samples_are_sorted_again() {
        let mut a = Latencies::default();
        a.record(Duration::from_micros(10));
        assert_eq!(a.percentile(50.0), Some(Duration::from_micros(10)));
        let mut b = Latencies::default();
        b.record(Duration::from_micros(1));
        b.record(Duration::from_micros(2));
        a.merge(b);
        assert_eq!(a.len(), 3);
        assert_eq!(a.percentile(50.0), Some(Duration::from_micros(2)));
    }
}
