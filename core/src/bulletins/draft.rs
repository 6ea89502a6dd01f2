//! What an officer fills in to post or update a bulletin, the checks on it, and the writes.
//!
//! Limits: title 1 to [`MAX_TITLE`] characters, text up to [`MAX_BODY`], place up to
//! [`MAX_PLACE`], an expiry (if any) in the future, up to [`MAX_PHOTOS`] photos of at most
//! [`MAX_PHOTO_BYTES`] each after the device has resized and compressed them. County scope
//! is for commanders and the bureau. Every error names its field, and the writes happen
//! only after every check passed, in one transaction.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jiff::Timestamp;
use serde::Serialize;

use crate::docs::{BulletinsDoc, Refusal, TextField, WriteError, Writer};
use crate::ids::RecordId;
use crate::model::{
    Acknowledgement, Assessment, Bulletin, BulletinCategory, BulletinPhoto, BulletinVersion, Role, Scope, Series,
    Urgency,
};

/// Longest title, in characters.
pub const MAX_TITLE: usize = 100;
/// Longest text, in characters.
pub const MAX_BODY: usize = 5_000;
/// Longest place, in characters.
pub const MAX_PLACE: usize = 100;
/// Most photos per bulletin.
pub const MAX_PHOTOS: usize = 4;
/// Largest photo after resizing and compression, in bytes (200 KiB: about 30 s each at
/// 50 kbit/s, which is what a rural link can spare).
pub const MAX_PHOTO_BYTES: usize = 200 * 1024;
/// Longest joint-analysis note or cancellation reason, in characters.
pub const MAX_NOTE: usize = 2_000;

/// A photo ready to attach: its type and compressed bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoDraft {
    /// MIME type, e.g. `image/jpeg`.
    pub mime: String,
    /// The compressed image.
    pub bytes: Vec<u8>,
}

/// The form of a bulletin.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Category.
    pub category: BulletinCategory,
    /// Urgency.
    pub urgency: Urgency,
    /// Audience.
    pub scope: Scope,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
    /// Township / village.
    pub place: Option<String>,
    /// Expiry.
    pub expires_at: Option<Timestamp>,
    /// Photos to attach (new ones only when updating).
    pub photos: Vec<PhotoDraft>,
}

/// A field of the form that does not pass, and why, with the limits involved. The app
/// words it in the officer's language (`src/pages/bulletins/form.rs`, locale keys `bf_*`);
/// `Display` is English, for logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum FieldError {
    /// The title is empty.
    #[error("the title is empty")]
    TitleEmpty,
    /// The title is too long.
    #[error("the title is longer than {max} characters")]
    TitleTooLong {
        /// The limit.
        max: usize,
    },
    /// The text is too long.
    #[error("the text is longer than {max} characters")]
    BodyTooLong {
        /// The limit.
        max: usize,
    },
    /// The place is too long.
    #[error("the place is longer than {max} characters")]
    PlaceTooLong {
        /// The limit.
        max: usize,
    },
    /// The expiry is not in the future.
    #[error("the expiry must be in the future")]
    ExpiryInPast,
    /// More photos than allowed.
    #[error("at most {max} photos")]
    TooManyPhotos {
        /// The limit.
        max: usize,
    },
    /// A photo is too large even after compression.
    #[error("photo {number} is {kib} KB after compression, over {max_kib} KB")]
    PhotoTooLarge {
        /// Its number, from 1.
        number: usize,
        /// Its size in KiB.
        kib: usize,
        /// The limit in KiB.
        max_kib: usize,
    },
    /// The role may not post to the whole county.
    #[error("the role may not post to the whole county")]
    ScopeNotAllowed,
}

impl FieldError {
    /// The form field it is about: `title`, `body`, `place`, `expires_at`, `photos`, `scope`.
    pub fn field(&self) -> &'static str {
        match self {
            FieldError::TitleEmpty | FieldError::TitleTooLong { .. } => "title",
            FieldError::BodyTooLong { .. } => "body",
            FieldError::PlaceTooLong { .. } => "place",
            FieldError::ExpiryInPast => "expires_at",
            FieldError::TooManyPhotos { .. } | FieldError::PhotoTooLarge { .. } => "photos",
            FieldError::ScopeNotAllowed => "scope",
        }
    }
}

impl Draft {
    /// Checks every field; all errors at once, so the form can mark each field.
    pub fn validate(&self, now: Timestamp, role: Role, existing_photos: usize) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(FieldError::TitleEmpty);
        } else if title.chars().count() > MAX_TITLE {
            errors.push(FieldError::TitleTooLong { max: MAX_TITLE });
        }
        if self.body.chars().count() > MAX_BODY {
            errors.push(FieldError::BodyTooLong { max: MAX_BODY });
        }
        if self.place.as_deref().is_some_and(|p| p.chars().count() > MAX_PLACE) {
            errors.push(FieldError::PlaceTooLong { max: MAX_PLACE });
        }
        if self.expires_at.is_some_and(|e| e <= now) {
            errors.push(FieldError::ExpiryInPast);
        }
        if existing_photos + self.photos.len() > MAX_PHOTOS {
            errors.push(FieldError::TooManyPhotos { max: MAX_PHOTOS });
        }
        for (i, p) in self.photos.iter().enumerate() {
            if p.bytes.len() > MAX_PHOTO_BYTES {
                errors.push(FieldError::PhotoTooLarge {
                    number: existing_photos + i + 1,
                    kib: p.bytes.len().div_ceil(1024),
                    max_kib: MAX_PHOTO_BYTES / 1024,
                });
            }
        }
        if self.scope == Scope::County && !super::may_post_county_wide(role) {
            errors.push(FieldError::ScopeNotAllowed);
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// Whether saving this draft as the next version of `bulletin` would change nothing
    /// a reader sees: the same category, urgency, title, text, place and expiry (compared
    /// as they would be stored, trimmed) and no new photos.
    pub fn unchanged(&self, bulletin: &Bulletin) -> bool {
        self.photos.is_empty()
            && self.category == bulletin.category
            && self.urgency == bulletin.urgency
            && self.title.trim() == bulletin.title
            && self.body.trim() == bulletin.body
            && self.place() == bulletin.place
            && self.expires_at == bulletin.expires_at
    }

    fn place(&self) -> Option<String> {
        self.place.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned)
    }

    /// The bulletin `id` as first posted from this draft (version 1, not forwarded).
    pub(crate) fn bulletin(&self, id: RecordId, station: RecordId, author: RecordId, now: Timestamp) -> Bulletin {
        Bulletin {
            id,
            station,
            author,
            category: self.category,
            urgency: self.urgency,
            scope: self.scope,
            title: self.title.trim().to_owned(),
            body: self.body.trim().to_owned(),
            place: self.place(),
            photos: self.photos.len() as u32,
            posted_at: now,
            expires_at: self.expires_at,
            version: 1,
            cancelled: None,
            cancelled_at: None,
            forwarded_at: None,
            generated: false,
        }
    }

    /// Version `number` of bulletin `bulletin` as this draft says.
    pub(crate) fn version(&self, bulletin: RecordId, number: u32, author: RecordId, at: Timestamp) -> BulletinVersion {
        BulletinVersion {
            id: RecordId::new(),
            bulletin,
            number,
            author,
            at,
            title: self.title.trim().to_owned(),
            body: self.body.trim().to_owned(),
            urgency: self.urgency,
            expires_at: self.expires_at,
            category: self.category,
            place: self.place(),
        }
    }
}

fn attach(
    w: &mut Writer<'_, BulletinsDoc>,
    bulletin: RecordId,
    from: usize,
    photos: &[PhotoDraft],
) -> Result<(), WriteError> {
    for (i, p) in photos.iter().enumerate() {
        w.put(&BulletinPhoto {
            id: RecordId::new(),
            bulletin,
            index: (from + i) as u32,
            mime: p.mime.clone(),
            data: STANDARD.encode(&p.bytes),
        })?;
    }
    Ok(())
}

/// Posts `draft` (already validated) from `station` by `author` at `now`: the bulletin,
/// its version 1 and its photos. Returns the bulletin's id.
pub fn post(
    w: &mut Writer<'_, BulletinsDoc>,
    draft: &Draft,
    station: RecordId,
    author: RecordId,
    now: Timestamp,
) -> Result<RecordId, WriteError> {
    let id = RecordId::new();
    w.put(&draft.version(id, 1, author, now))?;
    attach(w, id, 0, &draft.photos)?;
    w.put(&draft.bulletin(id, station, author, now))?;
    Ok(id)
}

/// Writes `draft` (already validated) as the next version of `bulletin`; returns its number,
/// or `None` (and writes nothing) when the draft changes nothing ([`Draft::unchanged`]), so
/// nobody is asked to acknowledge the same text again. Photos in the draft are added to
/// those already attached.
pub fn update(
    w: &mut Writer<'_, BulletinsDoc>,
    bulletin: &Bulletin,
    draft: &Draft,
    author: RecordId,
    now: Timestamp,
) -> Result<Option<u32>, WriteError> {
    if draft.unchanged(bulletin) {
        return Ok(None);
    }
    let number = bulletin.version + 1;
    w.put(&draft.version(bulletin.id, number, author, now))?;
    attach(w, bulletin.id, bulletin.photos as usize, &draft.photos)?;
    let mut next = bulletin.clone();
    next.category = draft.category;
    next.urgency = draft.urgency;
    next.title = draft.title.trim().to_owned();
    next.body = draft.body.trim().to_owned();
    next.place = draft.place();
    next.expires_at = draft.expires_at;
    next.photos = bulletin.photos + draft.photos.len() as u32;
    next.version = number;
    w.put(&next)?;
    Ok(Some(number))
}

/// Cancels `bulletin` with `reason` (required, at most [`MAX_NOTE`] characters).
pub fn cancel(
    w: &mut Writer<'_, BulletinsDoc>,
    bulletin: &Bulletin,
    reason: &str,
    now: Timestamp,
) -> Result<(), WriteError> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_NOTE {
        return Err(WriteError::Invalid(Refusal::Text { field: TextField::CancelReason, max: MAX_NOTE }));
    }
    let mut next = bulletin.clone();
    next.cancelled = Some(reason.to_owned());
    next.cancelled_at = Some(now);
    w.put(&next)
}

/// Records that `officer` acknowledged the current version of `bulletin` at `now`, unless
/// they already have (`acks` is what the device knows).
pub fn acknowledge(
    w: &mut Writer<'_, BulletinsDoc>,
    bulletin: &Bulletin,
    acks: &[Acknowledgement],
    officer: RecordId,
    now: Timestamp,
) -> Result<(), WriteError> {
    if super::audience::has_acknowledged(bulletin, acks, officer) {
        return Ok(());
    }
    w.put(&Acknowledgement { id: RecordId::new(), bulletin: bulletin.id, version: bulletin.version, officer, at: now })
}

/// Marks `bulletin` as forwarded to the center station (the station's liaison).
pub fn forward(w: &mut Writer<'_, BulletinsDoc>, bulletin: &Bulletin, now: Timestamp) -> Result<(), WriteError> {
    let mut next = bulletin.clone();
    next.forwarded_at.get_or_insert(now);
    w.put(&next)
}

/// Adds a joint-analysis note (研判) to bulletin `bulletin`.
pub fn assess(
    w: &mut Writer<'_, BulletinsDoc>,
    bulletin: RecordId,
    author: RecordId,
    text: &str,
    now: Timestamp,
) -> Result<RecordId, WriteError> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_NOTE {
        return Err(WriteError::Invalid(Refusal::Text { field: TextField::Assessment, max: MAX_NOTE }));
    }
    let id = RecordId::new();
    w.put(&Assessment { id, bulletin, author, at: now, text: text.to_owned() })?;
    Ok(id)
}

/// Links `bulletins` (at least two) into a case series (串并) called `name`.
pub fn link_series(
    w: &mut Writer<'_, BulletinsDoc>,
    name: &str,
    bulletins: &[RecordId],
    author: RecordId,
    now: Timestamp,
) -> Result<RecordId, WriteError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_TITLE {
        return Err(WriteError::Invalid(Refusal::Text { field: TextField::SeriesName, max: MAX_TITLE }));
    }
    if bulletins.len() < 2 {
        return Err(WriteError::Invalid(Refusal::SeriesTooSmall));
    }
    let id = RecordId::new();
    w.put(&Series { id, name: name.to_owned(), bulletins: bulletins.to_vec(), author, at: now })?;
    Ok(id)
}

/// Adds `bulletins` to the existing case series `series` (those already in it are skipped).
/// Errors when none of them is new.
pub fn add_to_series(
    w: &mut Writer<'_, BulletinsDoc>,
    series: &Series,
    bulletins: &[RecordId],
) -> Result<(), WriteError> {
    let mut next = series.clone();
    for id in bulletins {
        if !next.bulletins.contains(id) {
            next.bulletins.push(*id);
        }
    }
    if next.bulletins.len() == series.bulletins.len() {
        return Err(WriteError::Invalid(Refusal::AlreadyInSeries));
    }
    w.put(&next)
}
