//! Reconnect delays: exponential backoff with full jitter, capped.
//!
//! Attempt `n` (from 0) waits a random time in `[base·2ⁿ/2, base·2ⁿ]`, never above the cap,
//! so many devices coming back after an outage do not all hit the relay at once.

/// First delay, in milliseconds.
pub const BASE_MS: f64 = 1_000.0;
/// Longest delay, in milliseconds (one minute).
pub const CAP_MS: f64 = 60_000.0;
/// Longest delay of the one connection that keeps probing while the link is down (the
/// directory's), in milliseconds: the link's return is noticed within 2–4 s, and the
/// others are woken then ([`super::socket`]).
pub const SCOUT_CAP_MS: f64 = 4_000.0;
/// Delay after the relay refused the token, in milliseconds (ten minutes): retrying faster
/// cannot help until someone signs in again.
pub const REFUSED_MS: f64 = 600_000.0;

/// The delay before reconnect attempt `attempt`, given a random number in `[0, 1)`.
pub fn delay_ms(attempt: u32, random: f64) -> f64 {
    delay_ms_capped(attempt, random, CAP_MS)
}

/// Like [`delay_ms`] with the ceiling `cap_ms` instead of [`CAP_MS`].
pub fn delay_ms_capped(attempt: u32, random: f64, cap_ms: f64) -> f64 {
    let ceiling = (BASE_MS * 2f64.powi(attempt.min(16) as i32)).min(cap_ms);
    ceiling / 2.0 + ceiling / 2.0 * random.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn delays_grow_then_stay_under_the_cap() {
        assert_eq!(delay_ms(0, 0.0), 500.0);
        assert_eq!(delay_ms(0, 1.0), 1_000.0);
        assert_eq!(delay_ms(3, 0.5), 6_000.0);
        assert!(delay_ms(30, 1.0) <= CAP_MS);
        assert!(delay_ms(30, 0.0) >= CAP_MS / 2.0);
        assert!(delay_ms_capped(30, 1.0, SCOUT_CAP_MS) <= SCOUT_CAP_MS);
    }
}
