//! Codelists PCDS takes from OCDS 1.1.5.
//!
//! Closed OCDS codelists appear here as subsets of the upstream lists (a test checks every code
//! against the upstream CSV), so every PCDS document stays valid OCDS.

codelist! {
    /// The stage of the contracting process a release describes. PCDS uses the OCDS release tags
    /// unchanged.
    closed enum ReleaseTag ("releaseTag", "Release tag") maps "OCDS releaseTag" {
        /// Information about a proposed process, before a referral or tender goes out.
        Planning = "planning", "Planning" => ["planning"];
        /// A change to planning information.
        PlanningUpdate = "planningUpdate", "Planning update" => ["planningUpdate"];
        /// The start of a process: a placement referral sent to providers, or a framework or DPS
        /// tender opened.
        Tender = "tender", "Tender" => ["tender"];
        /// A change to a referral or tender that changes what is asked for.
        TenderAmendment = "tenderAmendment", "Tender amendment" => ["tenderAmendment"];
        /// More information about a referral or tender: for example more providers contacted, or
        /// offers and refusals received.
        TenderUpdate = "tenderUpdate", "Tender update" => ["tenderUpdate"];
        /// The referral or tender was withdrawn.
        TenderCancellation = "tenderCancellation", "Tender cancellation" => ["tenderCancellation"];
        /// A decision: the offer chosen for a child, or providers admitted to a framework or DPS.
        Award = "award", "Award" => ["award"];
        /// More information about an award.
        AwardUpdate = "awardUpdate", "Award update" => ["awardUpdate"];
        /// An award was withdrawn.
        AwardCancellation = "awardCancellation", "Award cancellation" => ["awardCancellation"];
        /// An agreement was made: an individual placement agreement, a block contract or a
        /// framework agreement.
        Contract = "contract", "Contract" => ["contract"];
        /// More information about an agreement.
        ContractUpdate = "contractUpdate", "Contract update" => ["contractUpdate"];
        /// A change to an agreement's terms: a fee review, an uplift, a change of services.
        ContractAmendment = "contractAmendment", "Contract amendment" => ["contractAmendment"];
        /// What happened during the agreement: payments, outcome indicators.
        Implementation = "implementation", "Implementation" => ["implementation"];
        /// More implementation information.
        ImplementationUpdate = "implementationUpdate", "Implementation update" => ["implementationUpdate"];
        /// The agreement ended, for example the placement ended.
        ContractTermination = "contractTermination", "Contract termination" => ["contractTermination"];
        /// A compiled release: the merged current state of a process, as found in a record.
        Compiled = "compiled", "Compiled" => ["compiled"];
    }
}

codelist! {
    /// How a contracting process was started. OCDS 1.1 has a single code.
    closed enum InitiationType ("initiationType", "Initiation type") maps "OCDS initiationType" {
        /// The process was started by a referral or tender.
        Tender = "tender", "Tender" => ["tender"];
    }
}

codelist! {
    /// The status of a referral or tender.
    closed enum TenderStatus ("tenderStatus", "Tender status") maps "OCDS tenderStatus" {
        /// The referral or tender is being prepared and has not been sent.
        Planning = "planning", "Planning" => ["planning"];
        /// The referral or tender is planned with a known date.
        Planned = "planned", "Planned" => ["planned"];
        /// Providers can respond.
        Active = "active", "Active" => ["active"];
        /// The referral or tender was cancelled, for example the child's plan changed.
        Cancelled = "cancelled", "Cancelled" => ["cancelled"];
        /// The process ended without an award: no suitable offer was received.
        Unsuccessful = "unsuccessful", "Unsuccessful" => ["unsuccessful"];
        /// The process is complete: an offer was chosen, or providers were admitted.
        Complete = "complete", "Complete" => ["complete"];
        /// The referral or tender is no longer published.
        Withdrawn = "withdrawn", "Withdrawn" => ["withdrawn"];
    }
}

codelist! {
    /// How providers were asked to respond (the OCDS procurement method).
    closed enum ProcurementMethod ("method", "Procurement method") maps "OCDS method" {
        /// Any provider may respond.
        Open = "open", "Open" => ["open"];
        /// Only qualified providers may respond: for example providers on a framework or DPS.
        Selective = "selective", "Selective" => ["selective"];
        /// The council contacted providers of its own choosing: a spot search.
        Limited = "limited", "Limited" => ["limited"];
        /// The council went directly to one provider.
        Direct = "direct", "Direct" => ["direct"];
    }
}

codelist! {
    /// The main category of what is bought. Placements are services.
    closed enum ProcurementCategory ("procurementCategory", "Procurement category") maps "OCDS procurementCategory" {
        /// Care, accommodation and support services: every PCDS process.
        Services = "services", "Services" => ["services"];
    }
}

codelist! {
    /// The status of an award.
    closed enum AwardStatus ("awardStatus", "Award status") maps "OCDS awardStatus" {
        /// The decision is not yet final.
        Pending = "pending", "Pending" => ["pending"];
        /// The decision is final and in force.
        Active = "active", "Active" => ["active"];
        /// The decision was withdrawn.
        Cancelled = "cancelled", "Cancelled" => ["cancelled"];
        /// The offer or application was not successful.
        Unsuccessful = "unsuccessful", "Unsuccessful" => ["unsuccessful"];
    }
}

codelist! {
    /// The status of an agreement.
    closed enum ContractStatus ("contractStatus", "Contract status") maps "OCDS contractStatus" {
        /// The agreement is drafted but not yet in force.
        Pending = "pending", "Pending" => ["pending"];
        /// The agreement is in force: the placement is running.
        Active = "active", "Active" => ["active"];
        /// The agreement was cancelled before it came into force.
        Cancelled = "cancelled", "Cancelled" => ["cancelled"];
        /// The agreement has ended, as planned or early.
        Terminated = "terminated", "Terminated" => ["terminated"];
    }
}

codelist! {
    /// The money a value is stated in. PCDS covers the market in England, where every fee is in
    /// pounds sterling; the list is a subset of the OCDS (ISO 4217) currency list.
    closed enum Currency ("currency", "Currency") maps "OCDS currency (ISO 4217)" {
        /// Pound sterling.
        Gbp = "GBP", "Pound sterling" => ["GBP"];
    }
}

codelist! {
    /// The part an organisation plays in a process.
    open enum PartyRole ("partyRole", "Party role") maps "OCDS partyRole" {
        /// The council buying the placement or running the framework.
        Buyer = "buyer", "Buyer" => ["buyer"];
        /// The organisation running the process on the buyer's behalf, for example a regional
        /// commissioning hub.
        ProcuringEntity = "procuringEntity", "Procuring entity" => ["procuringEntity"];
        /// A provider that made an offer or applied to a framework or DPS.
        Tenderer = "tenderer", "Tenderer" => ["tenderer"];
        /// A provider awarded a placement or admitted to a framework or DPS.
        Supplier = "supplier", "Supplier" => ["supplier"];
        /// An organisation paying part of the cost, for example a health body in a tri-partite
        /// arrangement.
        Funder = "funder", "Funder" => ["funder"];
        /// The organisation making payments.
        Payer = "payer", "Payer" => ["payer"];
        /// The organisation receiving payments.
        Payee = "payee", "Payee" => ["payee"];
        /// An organisation with an interest in the process, for example a provider contacted
        /// about a referral that has not responded.
        InterestedParty = "interestedParty", "Interested party" => ["interestedParty"];
    }
}

codelist! {
    /// How one process relates to another.
    open enum RelatedProcessRelationship ("relatedProcess", "Related process") maps "OCDS relatedProcess" {
        /// The process this one was called off from: the framework or DPS a placement was bought
        /// under.
        Framework = "framework", "Framework" => ["framework"];
        /// A parent process, for example a block contract a placement uses a place in.
        Parent = "parent", "Parent" => ["parent"];
        /// An earlier process this one follows, for example a previous placement of the same
        /// child, or a framework this one replaces.
        Prior = "prior", "Prior" => ["prior"];
        /// An earlier referral for the same need that found no placement.
        UnsuccessfulProcess = "unsuccessfulProcess", "Unsuccessful process" => ["unsuccessfulProcess"];
        /// A process this one replaces.
        ReplacementProcess = "replacementProcess", "Replacement process" => ["replacementProcess"];
        /// A process this one renews.
        RenewalProcess = "renewalProcess", "Renewal process" => ["renewalProcess"];
    }
}

codelist! {
    /// The scheme of a related process's identifier.
    open enum RelatedProcessScheme ("relatedProcessScheme", "Related process scheme") maps "OCDS relatedProcessScheme" {
        /// The identifier is an open contracting id (`ocid`).
        Ocid = "ocid", "OCID" => ["ocid"];
    }
}

codelist! {
    /// The kind of a document attached to a process.
    open enum DocumentType ("documentType", "Document type") maps "OCDS documentType" {
        /// The terms a framework, DPS or placement is bought under.
        ContractDraft = "contractDraft", "Draft contract" => ["contractDraft"];
        /// The signed agreement.
        ContractSigned = "contractSigned", "Signed contract" => ["contractSigned"];
        /// Criteria used to evaluate offers or applications.
        EvaluationCriteria = "evaluationCriteria", "Evaluation criteria" => ["evaluationCriteria"];
        /// Criteria providers must meet to qualify.
        EligibilityCriteria = "eligibilityCriteria", "Eligibility criteria" => ["eligibilityCriteria"];
        /// A notice announcing the process.
        TenderNotice = "tenderNotice", "Tender notice" => ["tenderNotice"];
        /// A notice announcing an award.
        AwardNotice = "awardNotice", "Award notice" => ["awardNotice"];
    }
}

codelist! {
    /// How an award decision was reached (the OCDS award criteria).
    open enum AwardCriteria ("awardCriteria", "Award criteria") maps "OCDS awardCriteria" {
        /// Price alone decided.
        PriceOnly = "priceOnly", "Price only" => ["priceOnly"];
        /// Quality alone decided.
        QualityOnly = "qualityOnly", "Quality only" => ["qualityOnly"];
        /// A weighted mix of price and quality criteria decided; see `tender.evaluation`.
        RatedCriteria = "ratedCriteria", "Rated criteria" => ["ratedCriteria"];
    }
}
