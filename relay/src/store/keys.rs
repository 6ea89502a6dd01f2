//! Storage keys: which county a stored document belongs to.
//!
//! A device names a document by its id alone (`region/desheng/bulletins`, the path of
//! `/sync/…`); region and station codes carry no county. The relay stores it under a key
//! that adds the county of the device's token, so a token of one county can never open a
//! document of another, and same-named regions or stations of two counties on one relay
//! never share a document:
//!
//! | document id | storage key |
//! |---|---|
//! | `county/{county}/directory`, `county/{county}/bulletins` | the id itself |
//! | `region/{region}/…`, `station/{station}/…` | `county/{county}/` + the id |
//!
//! Relays before this scheme stored region and station documents under their bare ids;
//! [`migrate`] moves them once, at start.

use liandong_core::{DocumentId, DocumentKind};

use super::{Store, StoreError};

/// The storage key of document `doc` of county `county`. For the county's own documents
/// the id already names a county; the caller checks it is `county` (access rules do).
pub fn key(county: &str, doc: &DocumentId) -> String {
    match doc.kind {
        DocumentKind::Directory | DocumentKind::CountyBulletins => doc.to_string(),
        _ => format!("county/{county}/{doc}"),
    }
}

/// The county and document id of a storage key; `None` for a key of no known shape (a
/// bare region or station id from before [`migrate`]).
pub fn parse(key: &str) -> Option<(String, DocumentId)> {
    if let Ok(doc) = key.parse::<DocumentId>() {
        return matches!(doc.kind, DocumentKind::Directory | DocumentKind::CountyBulletins)
            .then(|| (doc.key.clone(), doc));
    }
    let rest = key.strip_prefix("county/")?;
    let (county, id) = rest.split_once('/')?;
    let doc = id.parse::<DocumentId>().ok()?;
    let scoped = !matches!(doc.kind, DocumentKind::Directory | DocumentKind::CountyBulletins);
    (scoped && liandong_core::document_id::valid_key(county)).then(|| (county.to_owned(), doc))
}

/// The counties that have a directory in `store`.
pub async fn counties(store: &dyn Store) -> Result<Vec<String>, StoreError> {
    Ok(store
        .documents()
        .await?
        .iter()
        .filter_map(|key| parse(key))
        .filter(|(_, doc)| doc.kind == DocumentKind::Directory)
        .map(|(county, _)| county)
        .collect())
}

/// Moves region and station documents stored under bare ids (relays before county keys)
/// to the key of the one county in storage. Returns how many moved. With several counties
/// the owner of a bare id is unknown: they stay, each named in the log, and devices see
/// empty documents until an operator moves them.
pub async fn migrate(store: &dyn Store) -> Result<usize, StoreError> {
    let bare: Vec<(String, DocumentId)> = store
        .documents()
        .await?
        .into_iter()
        .filter_map(|key| {
            let doc = key.parse::<DocumentId>().ok()?;
            (!matches!(doc.kind, DocumentKind::Directory | DocumentKind::CountyBulletins)).then_some((key, doc))
        })
        .collect();
    if bare.is_empty() {
        return Ok(0);
    }
    let counties = counties(store).await?;
    let [county] = counties.as_slice() else {
        for (key, _) in &bare {
            tracing::error!(key, counties = counties.len(), "a document without a county cannot be assigned to one");
        }
        return Ok(0);
    };
    for (old, doc) in &bare {
        store.rename(old, &key(county, doc)).await?;
    }
    tracing::info!(county, moved = bare.len(), "region and station documents moved under their county");
    Ok(bare.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::memory::MemoryStore;

    #[test]
    fn keys_carry_the_county_and_read_back() {
        let roster = DocumentId::roster("damiao");
        assert_eq!(key("demo", &roster), "county/demo/station/damiao/roster");
        assert_eq!(key("other", &roster), "county/other/station/damiao/roster");
        assert_eq!(parse("county/demo/station/damiao/roster"), Some(("demo".into(), roster)));
        let directory = DocumentId::directory("demo");
        assert_eq!(key("demo", &directory), "county/demo/directory");
        assert_eq!(parse("county/demo/directory"), Some(("demo".into(), directory)));
        assert_eq!(parse("station/damiao/roster"), None);
        assert_eq!(parse("county/demo/county/x/directory"), None);
    }

    #[tokio::test]
    async fn bare_documents_move_under_the_one_county() {
        let store = MemoryStore::new();
        store.append("county/demo/directory", vec![0, 0]).await.expect("append");
        store.append("region/desheng/bulletins", vec![0, 0]).await.expect("append");
        store.append("station/damiao/roster", vec![0, 0]).await.expect("append");
        assert_eq!(migrate(&store).await.expect("migrate"), 2);
        let mut docs = store.documents().await.expect("docs");
        docs.sort();
        assert_eq!(
            docs,
            ["county/demo/directory", "county/demo/region/desheng/bulletins", "county/demo/station/damiao/roster"]
        );
        assert_eq!(migrate(&store).await.expect("again"), 0, "a second start moves nothing");
    }

    #[tokio::test]
    async fn with_two_counties_bare_documents_stay() {
        let store = MemoryStore::new();
        store.append("county/demo/directory", vec![0, 0]).await.expect("append");
        store.append("county/other/directory", vec![0, 0]).await.expect("append");
        store.append("region/desheng/bulletins", vec![0, 0]).await.expect("append");
        assert_eq!(migrate(&store).await.expect("migrate"), 0);
        assert!(store.documents().await.expect("docs").contains(&"region/desheng/bulletins".to_owned()));
    }
}
