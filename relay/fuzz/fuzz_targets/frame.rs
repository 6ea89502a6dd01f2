//! Target `frame`: arbitrary bytes into the relay's frame decoder.
//!
//! Property: `liandong_relay::protocol::decode` never panics (errors are fine), and a frame
//! it accepts survives a round trip: what the relay would encode from the decoded message
//! (it re-encodes awareness updates when it forwards them) decodes to the same message.
#![no_main]

use liandong_relay::protocol;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(message) = protocol::decode(data) else { return };
    let again = protocol::encode(&message);
    match protocol::decode(&again) {
        Ok(decoded) => assert_eq!(decoded, message, "round trip changed the message"),
        Err(e) => panic!("the relay's own encoding of {message:?} does not decode: {e}"),
    }
});
