//! Reads a Yjs update (lib0 v1) without decoding it, so hostile bytes cannot stop whoever
//! decodes them (docs/relay.md "One door for a device's bytes").
//!
//! yrs decodes a value of the lib0 `Any` encoding recursively: an update of 52 KB whose one
//! value is an array nested 26,000 levels deep overflows the decoding thread's stack and
//! aborts the whole process. This module walks the same bytes with a loop and a heap stack,
//! in exactly the order yrs reads them ([`scan`]), and so can:
//! - refuse an update whose values nest deeper than [`MAX_VALUE_DEPTH`] ([`check`], at the
//!   relay, before anything is decoded or stored);
//! - make an update that was stored before that check (or came from another relay)
//!   readable, by putting `undefined` in place of each value that is too deep
//!   ([`readable`]; the record holding it then reads as unreadable, the rest of the document
//!   works);
//! - tell what an update would bring (clock ranges of its items, its deletions) without
//!   decoding it ([`Outline`]), so rights are checked before yrs sees the bytes.
//!
//! It also refuses what yrs cannot handle safely, found by the fuzzer (`relay/fuzz/README.md`):
//! client ids above 53 bits (JavaScript numbers; yrs `debug_assert!`s on them), clocks of
//! 2^31 and more ([`MAX_CLOCK`]), a client named twice in one update (yrs divides by zero),
//! JSON content items (yrs reads one string more than it writes, so it cannot read back
//! what it wrote, and panics on it), subdocuments (yrs leaks every document holding one;
//! the app uses none), strings that are not UTF-8, embedded JSON deeper than
//! [`MAX_VALUE_DEPTH`] or that yrs cannot parse; and, from a device ([`check_strict`]),
//! shared types nested inside other shared types
//! ([`GuardError::NestedType`]): yrs deletes and garbage-collects a shared type by
//! recursing into the types inside it, so a chain of 50,000 nested maps (430 KB, built in
//! one update or over many) overflowed even an 8 MiB stack when its top was deleted.
//! Liandong's documents are root collections of record maps whose fields are plain values
//! (`docs/relay.md`), so every shared type an app writes sits directly under a root and
//! names that root as its parent; one that does not is refused, which bounds that
//! recursion to one level whatever the history of the document.

use std::borrow::Cow;
use std::ops::Range;

use yrs::encoding::read::{Cursor, Read};

/// The deepest nesting of one value (lib0 `Any`: arrays and maps inside arrays and maps)
/// an update may carry. A scalar counts 1, an array of scalars 2.
///
/// Why 64: the app's records store fields as values at most 4 levels deep (a list of
/// records of lists); 64 leaves room for any record shape a later version may add, is half
/// of serde_json's own limit (128, which already guards the JSON-encoded contents), and
/// costs yrs a few tens of KiB of stack at most, far below the 1 MiB of a Wasm stack or
/// the 2 MiB of a tokio worker thread.
pub const MAX_VALUE_DEPTH: usize = 64;

/// Largest Yjs client id: ids are 53-bit, to fit a JavaScript number.
pub const MAX_CLIENT_ID: u64 = (1 << 53) - 1;

/// Largest clock (exclusive end of a clock range) an update may name: yrs computes clock
/// offsets as `i32` in places (`Update::integrate`), so a clock of 2^31 or more (which no
/// client reaches: it counts one per character or value it ever wrote) made it panic in
/// the fuzzer (`relay/fuzz/repro/update-gc-far-clock-push-unwrap.bin`).
pub const MAX_CLOCK: u32 = i32::MAX as u32;

/// Why an update is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GuardError {
    /// The bytes are not a lib0 v1 update (or one yrs would misread).
    #[error("malformed update: {0}")]
    Malformed(String),
    /// A value nests deeper than the limit.
    #[error("a value is nested more than {limit} levels deep")]
    TooDeep {
        /// [`MAX_VALUE_DEPTH`].
        limit: usize,
    },
    /// A shared type (map, array, text, XML) or subdocument that is not placed directly
    /// under a named root type.
    #[error("shared types may only be placed directly under a root type")]
    NestedType,
}

/// What an update holds, read off its bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// Items and garbage-collected ranges per client: `(client, first clock, end clock)`,
    /// the end exclusive. Skipped ranges (gaps) are not included.
    pub inserts: Vec<(u64, u32, u32)>,
    /// Deleted ranges: `(client, first clock, length)`.
    pub deletes: Vec<(u64, u32, u32)>,
    /// Byte ranges of the values nested deeper than [`MAX_VALUE_DEPTH`] (each a whole
    /// value of an item's content), in order.
    pub too_deep: Vec<Range<usize>>,
}

/// Checks `update` and returns its outline; refuses it when it is malformed or a value
/// nests deeper than [`MAX_VALUE_DEPTH`] (stopping at the first such value, so a hostile
/// update costs no more than its length).
///
/// Errors: [`GuardError`].
pub fn check(update: &[u8]) -> Result<Outline, GuardError> {
    scan(update, true)
}

/// [`check`], and also refuses a shared type or subdocument that is not placed directly
/// under a named root ([`GuardError::NestedType`]): what the relay accepts from a device.
/// Not applied to what is already stored ([`readable`]), which documents the app wrote
/// never hold.
///
/// Errors: [`GuardError`].
pub fn check_strict(update: &[u8]) -> Result<Outline, GuardError> {
    let mut scanner =
        Scanner { cursor: Cursor::new(update), stop_at_too_deep: true, strict: true, outline: Outline::default() };
    scanner.update()?;
    Ok(scanner.outline)
}

/// `update` with every value nested deeper than [`MAX_VALUE_DEPTH`] replaced by
/// `undefined` (one byte, so item lengths and clocks stay as they were): borrowed when
/// there is none. `None` when the bytes are not an update this module can read through
/// (they are then not safe to give to yrs).
pub fn readable(update: &[u8]) -> Option<Cow<'_, [u8]>> {
    let outline = scan(update, false).ok()?;
    if outline.too_deep.is_empty() {
        return Some(Cow::Borrowed(update));
    }
    let mut out = Vec::with_capacity(update.len());
    let mut at = 0;
    for range in &outline.too_deep {
        out.extend_from_slice(&update[at..range.start]);
        out.push(ANY_UNDEFINED);
        at = range.end;
    }
    out.extend_from_slice(&update[at..]);
    Some(Cow::Owned(out))
}

/// What [`readable_log`] did to a log.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Repairs {
    /// Entries in which a value nested too deep became `undefined`.
    pub fixed: usize,
    /// Entries left out because they cannot be read safely.
    pub dropped: usize,
}

/// [`readable`] over a log of updates: each entry safe to decode, those that cannot be
/// read left out, with a count of what was changed.
pub fn readable_log<'a>(entries: impl IntoIterator<Item = &'a [u8]>) -> (Vec<Vec<u8>>, Repairs) {
    let mut repairs = Repairs::default();
    let mut out = Vec::new();
    for entry in entries {
        match readable(entry) {
            Some(Cow::Borrowed(same)) => out.push(same.to_vec()),
            Some(Cow::Owned(fixed)) => {
                repairs.fixed += 1;
                out.push(fixed);
            }
            None => repairs.dropped += 1,
        }
    }
    (out, repairs)
}

use wire::*;

fn malformed(what: impl Into<String>) -> GuardError {
    GuardError::Malformed(what.into())
}

struct Scanner<'a> {
    cursor: Cursor<'a>,
    stop_at_too_deep: bool,
    /// Refuse shared types not placed directly under a root ([`check_strict`]).
    strict: bool,
    outline: Outline,
}

impl<'a> Scanner<'a> {
    fn var_u32(&mut self) -> Result<u32, GuardError> {
        self.cursor.read_var::<u32>().map_err(|e| malformed(e.to_string()))
    }

    fn var_u64(&mut self) -> Result<u64, GuardError> {
        self.cursor.read_var::<u64>().map_err(|e| malformed(e.to_string()))
    }

    fn u8(&mut self) -> Result<u8, GuardError> {
        self.cursor.read_u8().map_err(|e| malformed(e.to_string()))
    }

    fn bytes(&mut self, len: usize) -> Result<(), GuardError> {
        self.cursor.read_exact(len).map(|_| ()).map_err(|e| malformed(e.to_string()))
    }

    fn buf(&mut self) -> Result<(), GuardError> {
        self.cursor.read_buf().map(|_| ()).map_err(|e| malformed(e.to_string()))
    }

    fn string(&mut self) -> Result<&'a str, GuardError> {
        let len = self.var_u32()? as usize;
        let start = self.cursor.next;
        self.bytes(len)?;
        std::str::from_utf8(&self.cursor.buf[start..start + len]).map_err(|_| malformed("string is not UTF-8"))
    }

    fn client(&mut self) -> Result<u64, GuardError> {
        let client = self.var_u64()?;
        if client > MAX_CLIENT_ID {
            return Err(malformed(format!("client id {client} is above 53 bits")));
        }
        Ok(client)
    }

    fn clock(&mut self) -> Result<u32, GuardError> {
        let clock = self.var_u32()?;
        if clock > MAX_CLOCK {
            return Err(malformed(format!("clock {clock} is 2^31 or more")));
        }
        Ok(clock)
    }

    fn id(&mut self) -> Result<(), GuardError> {
        self.client()?;
        self.clock()?;
        Ok(())
    }

    /// A JSON-encoded value (embeds, formats): yrs parses it with serde_json, whose own
    /// recursion limit (128) refuses deep nesting with an error. Checked here all the same,
    /// so what yrs would refuse is refused before it.
    fn json(&mut self) -> Result<(), GuardError> {
        let text = self.string()?;
        if json_depth(text) > MAX_VALUE_DEPTH {
            return Err(GuardError::TooDeep { limit: MAX_VALUE_DEPTH });
        }
        yrs::Any::from_json(text).map_err(|e| malformed(format!("embedded JSON: {e}")))?;
        Ok(())
    }

    /// One lib0 `Any` value, iteratively: `open` counts the values still to read in each
    /// open array or map (a map's values each follow their key).
    fn any(&mut self) -> Result<(), GuardError> {
        let start = self.cursor.next;
        let mut open: Vec<(u64, bool)> = Vec::new();
        let mut deepest = 0;
        loop {
            let tag = self.u8()?;
            let mut container = None;
            match tag {
                ANY_UNDEFINED | ANY_NULL | ANY_FALSE | ANY_TRUE => {}
                ANY_INT => {
                    self.cursor.read_var::<i64>().map_err(|e| malformed(e.to_string()))?;
                }
                ANY_F32 => self.bytes(4)?,
                ANY_F64 | ANY_BIGINT => self.bytes(8)?,
                ANY_STRING => {
                    self.string()?;
                }
                ANY_BUFFER => self.buf()?,
                ANY_MAP | ANY_ARRAY => {
                    let len = self.var_u64()?;
                    // Each entry takes at least one byte (a map's two): a larger count is a
                    // lie that yrs would try to reserve memory for.
                    let per = if tag == ANY_MAP { 2 } else { 1 };
                    let left = (self.cursor.buf.len() - self.cursor.next) as u64;
                    if len > left / per {
                        return Err(malformed(format!("value claims {len} entries in {left} bytes")));
                    }
                    container = Some((len, tag == ANY_MAP));
                }
                other => return Err(malformed(format!("unknown value tag {other}"))),
            }
            if let Some(entry) = container {
                open.push(entry);
                deepest = deepest.max(open.len() + 1);
                if open.len() >= MAX_VALUE_DEPTH {
                    // One more level is already one too many.
                    if self.stop_at_too_deep {
                        return Err(GuardError::TooDeep { limit: MAX_VALUE_DEPTH });
                    }
                }
            }
            // Close every container whose entries are all read; the next entry of the
            // innermost open map starts with its key.
            loop {
                match open.last_mut() {
                    None => {
                        if deepest > MAX_VALUE_DEPTH {
                            self.outline.too_deep.push(start..self.cursor.next);
                        }
                        return Ok(());
                    }
                    Some((0, _)) => {
                        open.pop();
                    }
                    Some((left, is_map)) => {
                        *left -= 1;
                        if *is_map {
                            self.string()?;
                        }
                        break;
                    }
                }
            }
        }
    }

    /// An item's content; returns its length in clock units (0: yrs drops the item).
    fn content(&mut self, info: u8) -> Result<u32, GuardError> {
        Ok(match info & 0b1111 {
            CONTENT_DELETED => self.var_u32()?,
            CONTENT_JSON => {
                // yrs reads one string more than the count it writes, so it cannot read back
                // a document holding one (and panics on a pending one); Yjs writes values as
                // `Any` content since 2020.
                return Err(malformed("JSON content items are not accepted"));
            }
            CONTENT_BINARY => {
                self.buf()?;
                1
            }
            CONTENT_STRING => {
                let text = self.string()?;
                u32::try_from(text.encode_utf16().count()).map_err(|_| malformed("string too long"))?
            }
            CONTENT_EMBED => {
                self.json()?;
                1
            }
            CONTENT_FORMAT => {
                self.string()?;
                self.json()?;
                1
            }
            CONTENT_TYPE => {
                let type_ref = self.u8()?;
                if !TYPE_KNOWN.contains(&type_ref) {
                    return Err(malformed(format!("unknown type ref {type_ref}")));
                }
                if type_ref == TYPE_XML_ELEMENT {
                    self.string()?;
                }
                1
            }
            CONTENT_ANY => {
                let len = self.var_u32()?;
                let left = (self.cursor.buf.len() - self.cursor.next) as u64;
                if u64::from(len) > left {
                    return Err(malformed(format!("content claims {len} values in {left} bytes")));
                }
                for _ in 0..len {
                    self.any()?;
                }
                len
            }
            CONTENT_DOC => {
                // yrs never frees a document that holds a subdocument; the app uses none.
                return Err(malformed("subdocuments are not accepted"));
            }
            other => return Err(malformed(format!("unknown content kind {other}"))),
        })
    }

    fn update(&mut self) -> Result<(), GuardError> {
        let clients = self.var_u32()?;
        let left = (self.cursor.buf.len() - self.cursor.next) as u64;
        if u64::from(clients) > left / 3 {
            return Err(malformed(format!("update claims {clients} clients in {left} bytes")));
        }
        let mut seen = std::collections::HashSet::new();
        for _ in 0..clients {
            let structs = self.var_u32()?;
            let client = self.client()?;
            if !seen.insert(client) {
                return Err(malformed(format!("client {client} is named twice")));
            }
            let mut clock = self.clock()?;
            let mut run: Option<u32> = None;
            for _ in 0..structs {
                let info = self.u8()?;
                let (len, counts) = match info {
                    SKIP | GC => {
                        let len = self.var_u32()?;
                        if len == 0 {
                            return Err(malformed("empty block"));
                        }
                        (len, info == GC)
                    }
                    info => {
                        let cant_copy_parent_info = info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN) == 0;
                        if info & HAS_ORIGIN != 0 {
                            self.id()?;
                        }
                        if info & HAS_RIGHT_ORIGIN != 0 {
                            self.id()?;
                        }
                        let mut under_root = false;
                        if cant_copy_parent_info {
                            if self.var_u32()? == 1 {
                                self.string()?;
                                under_root = true;
                            } else {
                                self.id()?;
                            }
                            if info & HAS_PARENT_SUB != 0 {
                                self.string()?;
                            }
                        }
                        let kind = info & 0b1111;
                        if self.strict && (kind == CONTENT_TYPE || kind == CONTENT_DOC) && !under_root {
                            return Err(GuardError::NestedType);
                        }
                        (self.content(info)?, true)
                    }
                };
                if len == 0 {
                    continue;
                }
                let end = clock
                    .checked_add(len)
                    .filter(|end| *end <= MAX_CLOCK)
                    .ok_or_else(|| malformed("clock overflows"))?;
                if counts {
                    run.get_or_insert(clock);
                } else if let Some(first) = run.take() {
                    self.outline.inserts.push((client, first, clock));
                }
                clock = end;
            }
            if let Some(first) = run {
                self.outline.inserts.push((client, first, clock));
            }
        }
        let clients = self.var_u32()?;
        for _ in 0..clients {
            let client = self.client()?;
            let ranges = self.var_u32()?;
            let left = (self.cursor.buf.len() - self.cursor.next) as u64;
            if u64::from(ranges) > left / 2 {
                return Err(malformed(format!("delete set claims {ranges} ranges in {left} bytes")));
            }
            for _ in 0..ranges {
                let clock = self.var_u32()?;
                let len = self.var_u32()?;
                clock
                    .checked_add(len)
                    .filter(|end| *end <= MAX_CLOCK)
                    .ok_or_else(|| malformed("deleted range overflows"))?;
                self.outline.deletes.push((client, clock, len));
            }
        }
        Ok(())
    }
}

/// The deepest nesting of arrays and objects in JSON `text`, counted without recursion
/// (brackets inside strings do not count).
fn json_depth(text: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    // A scalar inside the innermost container is one level more, as for `Any` values.
    deepest + 1
}

/// Walks `update` as yrs would decode it. With `stop_at_too_deep`, the first value nested
/// too deep is an error; without, each one's byte range is noted in the outline.
pub fn scan(update: &[u8], stop_at_too_deep: bool) -> Result<Outline, GuardError> {
    let mut scanner =
        Scanner { cursor: Cursor::new(update), stop_at_too_deep, strict: false, outline: Outline::default() };
    scanner.update()?;
    Ok(scanner.outline)
}

pub mod fixtures;
#[cfg(test)]
mod tests;
pub mod wire;
