//! The rules of the domain that refuse a write ([`super::WriteError::Invalid`]), as codes
//! with their numbers: the app words them in the officer's language.

/// A text the officer must fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// Why a bulletin is cancelled (撤销原因).
    CancelReason,
    /// A joint-analysis note (研判意见).
    Assessment,
    /// A case series' name (串并案名称).
    SeriesName,
}

/// Why a rule of the domain refused a write.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// `field` is empty, or longer than `max` characters.
    #[error("{field:?} must be filled in, at most {max} characters")]
    Text {
        /// The text in question.
        field: TextField,
        /// Its most characters (Unicode scalar values).
        max: usize,
    },
    /// A case series links at least two bulletins.
    #[error("a case series needs at least two bulletins")]
    SeriesTooSmall,
    /// Every chosen bulletin is in the series already.
    #[error("the chosen bulletins are in the series already")]
    AlreadyInSeries,
}
