//! `token issue`: an access token for one officer's device, as a token, a login link and a
//! QR code to scan with the device. Also the demo login links of `serve --demo`.

use liandong_core::model::{Officer, Role};
use liandong_core::org::Organisation;
use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

use super::CommandError;
use crate::auth::{Claims, Keys, now_secs};

/// What to put in a token.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    /// Badge number or record id of the officer.
    pub officer: String,
    /// Role, if not the officer's role in the directory.
    pub role: Option<Role>,
    /// Station code, if not the officer's station in the directory.
    pub station: Option<String>,
    /// Region code (commanders), if not derived from the station.
    pub region: Option<String>,
    /// Days of validity, 1 to 3650; anything else is an error (0 once meant one day, silently).
    pub days: u64,
}

fn find<'a>(org: &'a Organisation, key: &str) -> Option<&'a Officer> {
    org.officers.iter().find(|o| o.badge_number == key || o.id.to_string() == key)
}

/// The claims for `request` over the county's organisation.
///
/// Errors: the officer, station or region is not in the directory.
pub fn claims(org: &Organisation, county: &str, request: &TokenRequest) -> Result<Claims, CommandError> {
    let officer = find(org, &request.officer).ok_or_else(|| {
        CommandError::Invalid(format!("no officer with badge number or id {} in county {county}", request.officer))
    })?;
    let station = match &request.station {
        Some(code) => Some(
            org.stations
                .iter()
                .find(|s| &s.code == code)
                .ok_or_else(|| CommandError::Invalid(format!("no station {code} in county {county}")))?,
        ),
        None => officer.station.and_then(|id| org.stations.iter().find(|s| s.id == id)),
    };
    let region = match &request.region {
        Some(code) => Some(
            org.regions
                .iter()
                .find(|r| &r.code == code)
                .ok_or_else(|| CommandError::Invalid(format!("no region {code} in county {county}")))?,
        ),
        None => officer
            .region
            .and_then(|id| org.regions.iter().find(|r| r.id == id))
            .or_else(|| station.and_then(|s| org.region_of(s.id))),
    };
    if !(1..=3650).contains(&request.days) {
        return Err(CommandError::Invalid(format!("--days {}: a token is valid for 1 to 3650 days", request.days)));
    }
    let now = now_secs();
    Ok(Claims {
        sub: officer.id.to_string(),
        badge: officer.badge_number.clone(),
        name: officer.name.clone(),
        role: request.role.unwrap_or(officer.role),
        county: county.to_owned(),
        station: station.map(|s| s.code.clone()),
        station_name: station.map(|s| s.name.clone()),
        region: region.map(|r| r.code.clone()),
        region_name: region.map(|r| r.name.clone()),
        iat: now,
        exp: now + request.days * 86_400,
    })
}

/// The link that signs a device in: the token travels in the fragment, so it never
/// reaches a server log.
pub fn login_url(base: &str, token: &str) -> String {
    format!("{}/login#token={token}", base.trim_end_matches('/'))
}

/// A QR code of `text` drawn with Unicode half blocks, for a terminal.
pub fn qr(text: &str) -> String {
    match QrCode::new(text.as_bytes()) {
        Ok(code) => code.render::<Dense1x2>().quiet_zone(true).build(),
        Err(e) => format!("(no QR code: {e})"),
    }
}

/// The token, login link and QR code of `claims`, as printed by `token issue`.
pub fn render(keys: &Keys, claims: &Claims, base: &str) -> String {
    let token = keys.issue(claims);
    let url = login_url(base, &token);
    let who = format!(
        "{} {}（{}）{} {}",
        claims.station_name.as_deref().unwrap_or("县局"),
        claims.name,
        claims.badge,
        role_name(claims.role),
        claims.region_name.as_deref().unwrap_or(""),
    );
    format!("{who}\ntoken: {token}\nlogin: {url}\n{}\n", qr(&url))
}

/// Chinese name of a role.
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Officer => "民警",
        Role::Liaison => "信息联络员",
        Role::StationHead => "所长",
        Role::Commander => "指挥长",
        Role::BureauAdmin => "县局管理员",
    }
}

/// Demo officers to print login links for: (station code or `None` for bureau staff,
/// role, which one of that role at the station from 0): two stations of one region (the
/// center's liaison, head and an officer; a member's liaison, an officer, the head and the
/// deputy head, who share the roster), another region, the first region's commander (for
/// the crackdown scenario of regional command: a commander and two station heads), the
/// bureau.
pub const DEMO_LOGINS: &[(Option<&str>, Role, usize)] = &[
    (Some("desheng"), Role::Liaison, 0),
    (Some("desheng"), Role::StationHead, 0),
    (Some("desheng"), Role::Officer, 0),
    (Some("damiao"), Role::Officer, 0),
    (Some("damiao"), Role::Liaison, 0),
    (Some("damiao"), Role::StationHead, 0),
    (Some("damiao"), Role::StationHead, 1),
    (Some("majiadu"), Role::Officer, 0),
    (None, Role::Commander, 0),
    (None, Role::BureauAdmin, 0),
];

/// One login link per entry of [`DEMO_LOGINS`], valid for 30 days: (who, link).
pub fn demo_logins(keys: &Keys, org: &Organisation, county: &str, base: &str) -> Vec<(String, String)> {
    DEMO_LOGINS
        .iter()
        .filter_map(|(station, role, nth)| {
            let station_id = station.and_then(|code| org.stations.iter().find(|s| s.code == code)).map(|s| s.id);
            let officer = org.officers.iter().filter(|o| o.role == *role && o.station == station_id).nth(*nth)?;
            let request = TokenRequest {
                officer: officer.badge_number.clone(),
                role: None,
                station: None,
                region: None,
                days: 30,
            };
            let claims = claims(org, county, &request).ok()?;
            let who = format!(
                "{} {} {}（{}）",
                claims.region_name.as_deref().unwrap_or("县局"),
                claims.station_name.as_deref().unwrap_or(""),
                officer.title.as_deref().unwrap_or(role_name(claims.role)),
                claims.name
            );
            Some((who, login_url(base, &keys.issue(&claims))))
        })
        .collect()
}
