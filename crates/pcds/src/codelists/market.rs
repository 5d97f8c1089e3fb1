//! Codelists describing the market: processes, placements, providers, settings, decisions and
//! endings.

codelist! {
    /// The kind of contracting process a release belongs to. Every `ocid` is one process of one
    /// kind.
    closed enum ProcessType ("processType", "Process type") {
        /// The search for a home for one child or sibling group: referral, offers, award,
        /// individual placement agreement, and what follows.
        Placement = "placement", "Placement" => [];
        /// A framework agreement that providers qualify onto, with price schedules that
        /// placements are later called off at.
        Framework = "framework", "Framework" => [];
        /// A dynamic purchasing system: like a framework, but providers can join while it runs
        /// and placements are awarded by mini-competition.
        DynamicPurchasingSystem = "dynamicPurchasingSystem", "Dynamic purchasing system" => [];
        /// A block contract: places reserved and paid for in advance.
        Block = "block", "Block contract" => [];
        /// A cost-and-volume contract: prices that fall as the number of placements rises.
        CostAndVolume = "costAndVolume", "Cost-and-volume contract" => [];
    }
}

codelist! {
    /// The kind of placement sought, offered or agreed, mapped to the SSDA903 placement type
    /// codes a council records for the child's episode.
    closed enum PlacementType ("placementType", "Placement type") maps "SSDA903 PLACE (2024-25)" {
        /// Mainstream foster care with foster carers who are not relatives or friends.
        FosterCare = "fosterCare", "Foster care" => ["U4", "U5", "U6"];
        /// Enhanced, specialist or therapeutic foster care for children with complex needs.
        SpecialistFosterCare = "specialistFosterCare", "Specialist foster care" => ["U4", "U5", "U6"];
        /// Foster care for a parent and their child together.
        ParentAndChildFosterCare = "parentAndChildFosterCare", "Parent and child foster care" => ["U6"];
        /// Emergency foster care, usually same day and short.
        EmergencyFosterCare = "emergencyFosterCare", "Emergency foster care" => ["U6"];
        /// Foster care with a relative or friend (kinship care) arranged through a provider.
        KinshipFosterCare = "kinshipFosterCare", "Kinship foster care" => ["U1", "U2", "U3"];
        /// A children's home subject to the Children's Homes Regulations.
        ChildrensHome = "childrensHome", "Children's home" => ["K2"];
        /// A secure children's home.
        SecureChildrensHome = "secureChildrensHome", "Secure children's home" => ["K1"];
        /// A residential school not dual-registered as a children's home (a dual-registered
        /// school is a `childrensHome`).
        ResidentialSchool = "residentialSchool", "Residential school" => ["S1"];
        /// Registered supported accommodation for young people aged 16 or 17.
        SupportedAccommodation = "supportedAccommodation", "Supported accommodation" => ["K3"];
        /// A family centre or mother-and-baby unit.
        ParentAndChildResidential = "parentAndChildResidential", "Family centre or mother and baby unit" => ["R3"];
        /// An NHS or other health, medical or nursing establishment.
        HealthSetting = "healthSetting", "Health setting" => ["R2"];
        /// Any other placement type.
        Other = "other", "Other" => ["Z1"];
    }
}

codelist! {
    /// The kind of organisation providing a placement, mapped to the SSDA903 placement provider
    /// codes.
    closed enum ProviderType ("providerType", "Provider type") maps "SSDA903 PLACE_PROVIDER (2024-25)" {
        /// The placing council's own provision.
        OwnCouncil = "ownCouncil", "Own council provision" => ["PR1"];
        /// Another council's provision.
        OtherCouncil = "otherCouncil", "Other council provision" => ["PR2"];
        /// Other public provision, for example the NHS.
        OtherPublic = "otherPublic", "Other public provision" => ["PR3"];
        /// A private, profit-making provider.
        Private = "private", "Private provision" => ["PR4"];
        /// A voluntary or third-sector provider.
        Voluntary = "voluntary", "Voluntary or third sector provision" => ["PR5"];
    }
}

codelist! {
    /// The kind of setting Ofsted registers and inspects.
    closed enum SettingType ("settingType", "Setting type") maps "Ofsted provision type" {
        /// A children's home.
        ChildrensHome = "childrensHome", "Children's home" => ["Children's home"];
        /// A secure children's home.
        SecureChildrensHome = "secureChildrensHome", "Secure children's home" => ["Secure children's home"];
        /// An independent fostering agency.
        IndependentFosteringAgency = "independentFosteringAgency", "Independent fostering agency" => ["Independent fostering agency"];
        /// A council's own fostering service.
        LocalAuthorityFosteringService = "localAuthorityFosteringService", "Local authority fostering service" => ["Local authority fostering agency"];
        /// A residential special school.
        ResidentialSpecialSchool = "residentialSpecialSchool", "Residential special school" => ["Residential special school"];
        /// A boarding school with residential provision for children looked after.
        BoardingSchool = "boardingSchool", "Boarding school" => ["Boarding school"];
        /// A residential family centre.
        ResidentialFamilyCentre = "residentialFamilyCentre", "Residential family centre" => ["Residential family centre"];
        /// Supported accommodation for 16 and 17 year olds.
        SupportedAccommodation = "supportedAccommodation", "Supported accommodation" => ["Supported accommodation"];
    }
}

codelist! {
    /// An Ofsted overall effectiveness judgement.
    closed enum OfstedJudgement ("ofstedJudgement", "Ofsted judgement") maps "Ofsted overall effectiveness" {
        /// Outstanding.
        Outstanding = "outstanding", "Outstanding" => ["1"];
        /// Good.
        Good = "good", "Good" => ["2"];
        /// Requires improvement to be good.
        RequiresImprovement = "requiresImprovement", "Requires improvement to be good" => ["3"];
        /// Inadequate.
        Inadequate = "inadequate", "Inadequate" => ["4"];
        /// Registered but not yet inspected.
        NotYetInspected = "notYetInspected", "Not yet inspected" => [];
    }
}

codelist! {
    /// How a placement was sourced, mapped to the categories of the Placements North West
    /// placement census.
    open enum ProcurementRoute ("procurementRoute", "Procurement route") maps "Placements North West census, how the placement was sourced (2025)" {
        /// Bought from a provider outside any framework or contract: a spot purchase.
        SpotPurchase = "spotPurchase", "Spot purchase" => ["Direct award / off framework"];
        /// Called off a regional framework at the provider's framework prices.
        FrameworkCallOff = "frameworkCallOff", "Framework call-off" => ["Regional contract"];
        /// Awarded by mini-competition among providers on a dynamic purchasing system.
        DpsMiniCompetition = "dpsMiniCompetition", "DPS mini-competition" => ["Regional contract"];
        /// Called off a sub-regional arrangement.
        SubRegionalArrangement = "subRegionalArrangement", "Sub-regional arrangement" => ["Sub-regional arrangement"];
        /// Called off a council's own local contract or framework.
        LocalFramework = "localFramework", "Local contract or framework" => ["Local contract or framework"];
        /// Awarded directly to one provider under a framework's direct award rules.
        DirectAward = "directAward", "Direct award" => ["Direct award / off framework"];
        /// A place in a block contract.
        BlockContract = "blockContract", "Block contract" => ["Block contract (local)", "Block contract (collaborative)"];
        /// A place in a flexible block arrangement.
        FlexiBlock = "flexiBlock", "Flexi block" => ["Flexi block"];
        /// A placement under a cost-and-volume contract.
        CostAndVolume = "costAndVolume", "Cost and volume" => [];
        /// The council's own provision.
        InHouse = "inHouse", "In-house" => [];
        /// A remand placement.
        Remand = "remand", "Remand" => ["Remand"];
        /// A secure welfare placement.
        SecureWelfare = "secureWelfare", "Secure welfare" => ["Secure welfare"];
    }
}

codelist! {
    /// The kind of agreement a contract is.
    closed enum AgreementType ("agreementType", "Agreement type") {
        /// An individual placement agreement for one child or sibling group, under a framework's
        /// or the National Contract's terms.
        IndividualPlacementAgreement = "individualPlacementAgreement", "Individual placement agreement" => [];
        /// An individual child agreement, the term some regions use for the same thing.
        IndividualChildAgreement = "individualChildAgreement", "Individual child agreement" => [];
        /// A provider's agreement to a framework or DPS's terms.
        FrameworkAgreement = "frameworkAgreement", "Framework agreement" => [];
        /// A block contract reserving places.
        BlockContract = "blockContract", "Block contract" => [];
        /// A cost-and-volume contract.
        CostAndVolumeContract = "costAndVolumeContract", "Cost-and-volume contract" => [];
    }
}

codelist! {
    /// Whether a provider offered a placement or declined the referral.
    closed enum ResponseType ("responseType", "Response type") {
        /// The provider offered a placement.
        Offer = "offer", "Offer" => [];
        /// The provider declined the referral.
        Refusal = "refusal", "Refusal" => [];
        /// The provider did not respond before the deadline.
        NoResponse = "noResponse", "No response" => [];
    }
}

codelist! {
    /// Why a provider declined a referral.
    open enum RefusalReason ("refusalReason", "Refusal reason") {
        /// No place available.
        NoVacancy = "noVacancy", "No vacancy" => [];
        /// The provider cannot meet the child's needs.
        CannotMeetNeeds = "cannotMeetNeeds", "Cannot meet needs" => [];
        /// The match would put other children in the setting at risk.
        MatchingRisk = "matchingRisk", "Matching risk with other children" => [];
        /// The location does not suit the child's plan.
        Location = "location", "Location" => [];
        /// The price the council will pay does not cover the care.
        Price = "price", "Price" => [];
        /// Staff are not available in time.
        Staffing = "staffing", "Staffing" => [];
        /// The start date cannot be met.
        Timescale = "timescale", "Timescale" => [];
        /// Another reason, given in the free-text description.
        Other = "other", "Other" => [];
    }
}

codelist! {
    /// How far a placement is from the child's home, in bands of straight-line miles between
    /// postcode centroids. PCDS never carries a postcode.
    closed enum DistanceBand ("distanceBand", "Distance band") maps "SSDA903 PL_DISTANCE (derived band)" {
        /// Less than 5 miles.
        Under5Miles = "under5Miles", "Under 5 miles" => [];
        /// 5 miles up to 10 miles.
        From5To10Miles = "5to10Miles", "5 to 10 miles" => [];
        /// 10 miles up to 20 miles.
        From10To20Miles = "10to20Miles", "10 to 20 miles" => [];
        /// 20 miles up to 50 miles.
        From20To50Miles = "20to50Miles", "20 to 50 miles" => [];
        /// 50 miles or more.
        Over50Miles = "50MilesOrMore", "50 miles or more" => [];
        /// Not known.
        Unknown = "unknown", "Unknown" => ["999.9"];
    }
}

codelist! {
    /// Why an offer was chosen.
    open enum SelectionBasis ("selectionBasis", "Selection basis") {
        /// The offer with the highest weighted score.
        HighestScore = "highestScore", "Highest score" => [];
        /// The offer with the lowest weekly price among those meeting the referral's needs.
        LowestPrice = "lowestPrice", "Lowest price" => [];
        /// The offer with the lowest price per unit of quality (price divided by quality score).
        LowestPricePerQuality = "lowestPricePerQuality", "Lowest price per unit of quality" => [];
        /// The child's parents or carers chose among offers close in score.
        ParentCarerChoice = "parentCarerChoice", "Parent or carer choice" => [];
        /// The best match for the child's needs, judged by the placement officer.
        BestMatch = "bestMatch", "Best match" => [];
        /// The only suitable offer received.
        OnlyOffer = "onlyOffer", "Only offer" => [];
        /// Awarded directly without competition.
        DirectAward = "directAward", "Direct award" => [];
    }
}

codelist! {
    /// A provider's standing on a framework or DPS.
    closed enum ProviderStatus ("providerStatus", "Provider status") {
        /// Applied and awaiting a decision.
        Applied = "applied", "Applied" => [];
        /// Admitted: may receive referrals and be awarded placements.
        Admitted = "admitted", "Admitted" => [];
        /// Suspended: may not receive new referrals, for example after an Ofsted downgrade.
        Suspended = "suspended", "Suspended" => [];
        /// Excluded: removed for failing the framework's terms.
        Excluded = "excluded", "Excluded" => [];
        /// Withdrew of its own accord.
        Withdrawn = "withdrawn", "Withdrawn" => [];
    }
}

codelist! {
    /// Why a placement ended, mapped to the SSDA903 reasons a placement changes and reasons an
    /// episode ends.
    open enum EndingReason ("endingReason", "Ending reason") maps "SSDA903 REASON_PLACE_CHANGE and REC (2024-25)" {
        /// A planned move in line with the child's care plan.
        CarePlan = "carePlan", "Care plan" => ["CARPL"];
        /// Returned to live with parents or relatives.
        ReturnedHome = "returnedHome", "Returned home" => ["E4A", "E4B"];
        /// Adopted.
        Adopted = "adopted", "Adopted" => ["E11", "E12"];
        /// A special guardianship order was made.
        SpecialGuardianship = "specialGuardianship", "Special guardianship order" => ["E45", "E46", "E47", "E48"];
        /// A child arrangements order was made.
        ChildArrangementsOrder = "childArrangementsOrder", "Child arrangements order" => ["E41"];
        /// Turned 18 and stayed with former foster carers (Staying Put).
        StayingPut = "stayingPut", "Staying Put" => ["E17"];
        /// Moved to independent living.
        IndependentLiving = "independentLiving", "Independent living" => ["E5", "E6"];
        /// Moved to adult social care.
        AdultSocialCare = "adultSocialCare", "Adult social care" => ["E7"];
        /// Sentenced to custody.
        Custody = "custody", "Custody" => ["E9", "CUSTOD"];
        /// Remand ended.
        RemandEnded = "remandEnded", "Remand ended" => ["E14"];
        /// Care taken over by another council.
        TransferredToAnotherCouncil = "transferredToAnotherCouncil", "Transferred to another council" => ["E3"];
        /// The provider gave notice because of the child's behaviour.
        ProviderNoticeBehaviour = "providerNoticeBehaviour", "Provider notice: behaviour" => ["CREQB"];
        /// The provider gave notice for another reason.
        ProviderNoticeOther = "providerNoticeOther", "Provider notice: other" => ["CREQO"];
        /// The setting closed or the carer resigned.
        ProviderClosed = "providerClosed", "Setting closed or carer resigned" => ["CLOSE"];
        /// The council ended the placement.
        CouncilDecision = "councilDecision", "Council decision" => ["LAREQ"];
        /// The child asked to leave.
        ChildRequest = "childRequest", "Child's request" => ["CHILD"];
        /// An allegation was made (section 47 enquiry).
        Allegation = "allegation", "Allegation" => ["ALLEG"];
        /// A concern about standards of care.
        StandardsConcern = "standardsConcern", "Standards of care concern" => ["STAND"];
        /// The carer's approval was removed.
        ApprovalRemoved = "approvalRemoved", "Approval removed" => ["APPRR"];
        /// Any other reason.
        Other = "other", "Other" => ["OTHER", "E8"];
    }
}

codelist! {
    /// Who decided a placement should end.
    closed enum EndingInitiator ("endingInitiator", "Ending initiator") {
        /// The council.
        Council = "council", "Council" => [];
        /// The provider.
        Provider = "provider", "Provider" => [];
        /// The child or young person.
        Child = "child", "Child or young person" => [];
        /// The child's parents or family.
        Family = "family", "Parents or family" => [];
        /// A court.
        Court = "court", "Court" => [];
        /// Planned from the start: no one's request.
        Planned = "planned", "Planned ending" => [];
    }
}

codelist! {
    /// An outcome measured during a placement, from the outcomes frameworks regional groups use
    /// to monitor care, education and health.
    open enum OutcomeIndicator ("outcomeIndicator", "Outcome indicator") {
        /// Percentage of possible school sessions attended in the period.
        SchoolAttendance = "schoolAttendance", "School attendance (%)" => [];
        /// Number of missing episodes in the period.
        MissingEpisodes = "missingEpisodes", "Missing episodes (count)" => [];
        /// Number of fixed-term or permanent school exclusions in the period.
        SchoolExclusions = "schoolExclusions", "School exclusions (count)" => [];
        /// Whether the annual health assessment was done on time (1 yes, 0 no).
        HealthAssessmentOnTime = "healthAssessmentOnTime", "Health assessment on time (1 or 0)" => [];
        /// Whether the dental check was done on time (1 yes, 0 no).
        DentalCheckOnTime = "dentalCheckOnTime", "Dental check on time (1 or 0)" => [];
        /// Whether the child engaged with CAMHS or another mental health service they were
        /// referred to, in the period (1 yes, 0 no).
        MentalHealthServiceEngagement = "mentalHealthServiceEngagement", "Engaged with CAMHS or other mental health service (1 or 0)" => [];
        /// Whether the child's health needs were met by the services in their health plan in the
        /// period, for example GP, optician and specialist appointments kept (1 yes, 0 no).
        HealthPlanMet = "healthPlanMet", "Health plan met (1 or 0)" => [];
        /// Whether a young person aged 16 or over is in education, employment or training (1 yes,
        /// 0 no).
        InEducationEmploymentOrTraining = "inEducationEmploymentOrTraining", "In education, employment or training (1 or 0)" => [];
        /// Number of police call-outs to the setting concerning the child in the period.
        PoliceCallOuts = "policeCallOuts", "Police call-outs (count)" => [];
        /// Whether the child's care plan goals for the period were met (1 yes, 0 no).
        CarePlanGoalsMet = "carePlanGoalsMet", "Care plan goals met (1 or 0)" => [];
    }
}

codelist! {
    /// Who may see a dataset: the publication level the data claims, which the validator checks
    /// it against.
    closed enum PublicationLevel ("publicationLevel", "Publication level") {
        /// Safe to publish openly: no child-level attributes beyond what cannot identify anyone.
        Open = "open", "Open data" => [];
        /// For pooling inside a regional partnership under a data-sharing agreement: coded,
        /// coarse child attributes allowed, never direct identifiers.
        Partnership = "partnership", "Partnership only" => [];
    }
}

codelist! {
    /// How a framework or DPS ranks providers or offers from their price and quality.
    closed enum RankingModel ("rankingModel", "Ranking model") {
        /// A weighted sum of a price score and a quality score, with the weights of the
        /// evaluation (for example 50/50): the highest score ranks first.
        WeightedPriceQuality = "weightedPriceQuality", "Weighted price and quality" => [];
        /// The price divided by the quality score ("price per unit of quality"): the lowest
        /// ranks first.
        PriceDividedByQuality = "priceDividedByQuality", "Price divided by quality" => [];
        /// The lowest price ranks first; quality is pass or fail.
        LowestPrice = "lowestPrice", "Lowest price" => [];
    }
}

codelist! {
    /// The tier a framework or DPS places an admitted provider in after evaluation. A framework
    /// may declare tiers of its own in `tender.tiers`; these are the common ones.
    open enum FrameworkTier ("frameworkTier", "Framework tier") {
        /// Preferred providers: referrals go to them first.
        Preferred = "preferred", "Preferred" => [];
        /// Reserve preferred providers: referrals go to them when preferred providers cannot
        /// offer.
        ReservePreferred = "reservePreferred", "Reserve preferred" => [];
        /// Admitted providers in neither tier.
        Other = "other", "Other" => [];
    }
}

codelist! {
    /// How placements are awarded under a framework agreement, as the OCDS techniques extension
    /// (and England's central procurement platform) codes it.
    closed enum FrameworkAgreementMethod ("frameworkAgreementMethod", "Framework agreement method") maps "OCDS techniques extension frameworkAgreementMethod" {
        /// Call-offs at the framework's prices, without a further competition.
        WithoutReopeningCompetition = "withoutReopeningCompetition", "Without reopening competition" => ["withoutReopeningCompetition"];
        /// Mini-competitions among the framework's providers for each placement.
        WithReopeningCompetition = "withReopeningCompetition", "With reopening competition" => ["withReopeningCompetition"];
        /// Both: some placements called off directly, others by mini-competition.
        WithAndWithoutReopeningCompetition = "withAndWithoutReopeningCompetition", "With and without reopening competition" => ["withAndWithoutReopeningCompetition"];
    }
}
