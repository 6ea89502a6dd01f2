//! Every command record of a region, read at once.

use crate::docs::{Listing, RegionBulletins, RegionCommand};
use crate::ids::RecordId;
use crate::model::{
    Commitment, ContingencyPlan, DispatchAck, Equipment, Incident, IncidentNote, Resource, SupportRequest,
};
use crate::record::RecordError;

/// The live records of a region's command document (each list in creation order), the
/// dispatch acknowledgements of its bulletins document, and the records this version
/// could not read (skipped and reported; often written by a newer app).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommandState {
    /// Incidents, open and closed.
    pub incidents: Vec<Incident>,
    /// Hand-written timeline lines.
    pub notes: Vec<IncidentNote>,
    /// Support requests.
    pub requests: Vec<SupportRequest>,
    /// Commitments, every stage.
    pub commitments: Vec<Commitment>,
    /// The equipment and vehicles pool.
    pub equipment: Vec<Equipment>,
    /// Contingency plans.
    pub plans: Vec<ContingencyPlan>,
    /// Officers' acknowledgements of their dispatch.
    pub acks: Vec<DispatchAck>,
    /// Records that could not be read.
    pub unreadable: Vec<RecordError>,
}

fn take<R>(listing: Listing<R>, unreadable: &mut Vec<RecordError>) -> Vec<R> {
    unreadable.extend(listing.unreadable.iter().cloned());
    listing.into_records()
}

impl CommandState {
    /// Reads `command` and, if open, the region's `bulletins` (for acknowledgements).
    pub fn read(command: &RegionCommand, bulletins: Option<&RegionBulletins>) -> Self {
        let mut unreadable = Vec::new();
        let u = &mut unreadable;
        let incidents = take(command.list::<Incident>(), u);
        let notes = take(command.list::<IncidentNote>(), u);
        let requests = take(command.list::<SupportRequest>(), u);
        let commitments = take(command.list::<Commitment>(), u);
        let equipment = take(command.list::<Equipment>(), u);
        let plans = take(command.list::<ContingencyPlan>(), u);
        let acks = bulletins.map(|b| take(b.list::<DispatchAck>(), u)).unwrap_or_default();
        Self { incidents, notes, requests, commitments, equipment, plans, acks, unreadable }
    }

    /// Whether `self` and `other` hold the same records, whatever they could not read
    /// (a snapshot keeps no unreadable records: `super::snapshot`).
    pub fn same_records(&self, other: &Self) -> bool {
        self.incidents == other.incidents
            && self.notes == other.notes
            && self.requests == other.requests
            && self.commitments == other.commitments
            && self.equipment == other.equipment
            && self.plans == other.plans
            && self.acks == other.acks
    }

    /// The request `id`.
    pub fn request(&self, id: RecordId) -> Option<&SupportRequest> {
        self.requests.iter().find(|r| r.id == id)
    }

    /// The incident `id`.
    pub fn incident(&self, id: RecordId) -> Option<&Incident> {
        self.incidents.iter().find(|r| r.id == id)
    }

    /// The item of the pool `id`.
    pub fn item(&self, id: RecordId) -> Option<&Equipment> {
        self.equipment.iter().find(|r| r.id == id)
    }

    /// The commitments of request `request`, in creation order.
    pub fn commitments_of(&self, request: RecordId) -> impl Iterator<Item = &Commitment> {
        self.commitments.iter().filter(move |c| c.request == request)
    }

    /// The requests of incident `incident`.
    pub fn requests_of(&self, incident: RecordId) -> impl Iterator<Item = &SupportRequest> {
        self.requests.iter().filter(move |r| r.incident == Some(incident))
    }

    /// The commitments of officer `officer`.
    pub fn commitments_of_officer(&self, officer: RecordId) -> impl Iterator<Item = &Commitment> {
        self.commitments.iter().filter(move |c| c.resource == Resource::Officer(officer))
    }

    /// Whether `officer` acknowledged commitment `commitment`, and when.
    pub fn ack(&self, commitment: RecordId) -> Option<&DispatchAck> {
        self.acks.iter().find(|a| a.commitment == commitment)
    }
}
