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
    /// What happened in an incident (警情摘要).
    IncidentSummary,
    /// The result an incident closes with (处置结果).
    IncidentResult,
    /// A line of an incident's timeline.
    IncidentNote,
    /// Where a support request's help reports (集结地点).
    RequestPlace,
    /// A vehicle's plate or an item's number.
    EquipmentIdentifier,
    /// A contingency plan's title.
    PlanTitle,
}

/// A step of a commitment, as the refusals name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepName {
    /// 调派 (the commitment itself).
    Committed,
    /// 出发.
    Dispatched,
    /// 到达.
    OnScene,
    /// 撤离.
    Released,
    /// 归建.
    Returned,
    /// 取消.
    Cancelled,
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
    /// An officer or item of a station outside the region (or no station): a region's
    /// commander commits its own; operations across regions go through the bureau.
    #[error("the officer or item is not of this region")]
    OtherRegion,
    /// A line of a request or plan asks for fewer than one.
    #[error("line {line}: the count must be at least 1")]
    CountBelowOne {
        /// The line (0-based).
        line: usize,
    },
    /// A request or plan without any line.
    #[error("at least one line is needed")]
    NoLines,
    /// A kind of equipment this version does not know (or a skill not in the catalogue).
    #[error("line {line}: unknown kind")]
    UnknownKind {
        /// The line (0-based).
        line: usize,
    },
    /// An end at or before its start (a loan's, a request's "until" before "by when").
    #[error("the end is not after the start")]
    EndBeforeStart,
    /// A step before the one it follows (a return before the dispatch), or a step's time
    /// earlier than the step before it.
    #[error("{step:?} cannot come before {after:?}")]
    StepOrder {
        /// The step refused.
        step: StepName,
        /// The step it must follow.
        after: StepName,
    },
    /// The commitment has ended (returned or cancelled) and takes no further step.
    #[error("the commitment has ended")]
    Ended,
    /// The item is in repair or out of service.
    #[error("the item is in repair or out of service")]
    ItemUnusable,
    /// The officer or item is committed already for an overlapping time.
    #[error("already committed for an overlapping time")]
    AlreadyCommitted {
        /// The commitment that holds it.
        commitment: crate::ids::RecordId,
    },
    /// The officer or item does not answer the line (an officer for a vehicle line, an
    /// officer without the line's skill on the day the commitment starts, an item of
    /// another kind).
    #[error("it does not answer line {line}")]
    WrongResource {
        /// The line (0-based).
        line: usize,
    },
    /// The request was withdrawn, or its incident closed.
    #[error("the request is withdrawn or its incident closed")]
    RequestClosed,
    /// The incident is closed.
    #[error("the incident is closed")]
    IncidentClosed,
    /// A record this version cannot read.
    #[error("not found or unreadable")]
    Missing,
    /// A rule of the district workbook refused the write.
    #[error("{0}")]
    Workbook(#[from] crate::community::edit::WorkbookRefusal),
    /// A rule of the region's daily cooperation refused the write.
    #[error("{0}")]
    Cooperation(#[from] crate::cooperation::edit::CooperationRefusal),
}
