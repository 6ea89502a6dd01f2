//! The lib0 v1 wire constants of an update, as yrs `block.rs`, `any.rs` and
//! `types/mod.rs` name them: what the guard reads and what the fuzzer's generator writes.

// lib0 `Any` tags.
/// `undefined`.
pub const ANY_UNDEFINED: u8 = 127;
/// `null`.
pub const ANY_NULL: u8 = 126;
/// A signed var-int integer.
pub const ANY_INT: u8 = 125;
/// A big-endian float32.
pub const ANY_F32: u8 = 124;
/// A big-endian float64.
pub const ANY_F64: u8 = 123;
/// A big-endian int64.
pub const ANY_BIGINT: u8 = 122;
/// `false`.
pub const ANY_FALSE: u8 = 121;
/// `true`.
pub const ANY_TRUE: u8 = 120;
/// A UTF-8 string (var-uint length, bytes).
pub const ANY_STRING: u8 = 119;
/// A map: var-uint count, then a key string and a value each.
pub const ANY_MAP: u8 = 118;
/// An array: var-uint count, then the values.
pub const ANY_ARRAY: u8 = 117;
/// Bytes (var-uint length, bytes).
pub const ANY_BUFFER: u8 = 116;

// Struct kinds (the low bits of an item's info byte) and info flags, as in yrs `block.rs`.
/// A garbage-collected range (var-uint length).
pub const GC: u8 = 0;
/// A skipped range, a gap (var-uint length).
pub const SKIP: u8 = 10;
/// Info flag: the item names its left origin.
pub const HAS_ORIGIN: u8 = 0b1000_0000;
/// Info flag: the item names its right origin.
pub const HAS_RIGHT_ORIGIN: u8 = 0b0100_0000;
/// Info flag: the item names its key in a map parent.
pub const HAS_PARENT_SUB: u8 = 0b0010_0000;
/// Content: deleted (var-uint length).
pub const CONTENT_DELETED: u8 = 1;
/// Content: JSON strings (refused: yrs cannot read back what it writes).
pub const CONTENT_JSON: u8 = 2;
/// Content: bytes.
pub const CONTENT_BINARY: u8 = 3;
/// Content: a string (text).
pub const CONTENT_STRING: u8 = 4;
/// Content: an embed (JSON text).
pub const CONTENT_EMBED: u8 = 5;
/// Content: a format mark (key, JSON text).
pub const CONTENT_FORMAT: u8 = 6;
/// Content: a shared type (type ref, a name for XML elements).
pub const CONTENT_TYPE: u8 = 7;
/// Content: `Any` values (var-uint count, values).
pub const CONTENT_ANY: u8 = 8;
/// Content: a subdocument (refused: yrs never frees it).
pub const CONTENT_DOC: u8 = 9;
// Type refs.
/// Type ref of an XML element, the one that carries a name.
pub const TYPE_XML_ELEMENT: u8 = 3;
/// Type refs yrs reads without its `weak` feature.
pub const TYPE_KNOWN: [u8; 9] = [0, 1, 2, 3, 4, 5, 6, 9, 15];
