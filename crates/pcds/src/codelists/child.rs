//! Codelists describing a child's needs, coarsely and without identifying anyone.
//!
//! These are the only ways a child appears in PCDS. Each is a coarse code: there is no field
//! for a name, a date of birth, an address, a postcode, an NHS number or a unique pupil number.

codelist! {
    /// A child's age, in the bands DfE uses for children looked after. PCDS never carries a date
    /// of birth or an exact age.
    closed enum AgeBand ("ageBand", "Age band") maps "DfE children looked after age bands" {
        /// Under 1 year old.
        Under1 = "under1", "Under 1" => ["Under 1"];
        /// 1 to 4 years old.
        Age1To4 = "1to4", "1 to 4" => ["1 to 4 years"];
        /// 5 to 9 years old.
        Age5To9 = "5to9", "5 to 9" => ["5 to 9 years"];
        /// 10 to 15 years old.
        Age10To15 = "10to15", "10 to 15" => ["10 to 15 years"];
        /// 16 or 17 years old.
        Age16To17 = "16to17", "16 to 17" => ["16 years and over"];
    }
}

codelist! {
    /// A need a child has that a placement must meet, as written on a referral and ticked on an
    /// offer. Derived from the need categories regional referral forms and DPS evaluation models
    /// score.
    open enum Need ("need", "Need") maps "SSDA903 table recording the same fact, where one exists" {
        /// At risk of, or experiencing, child sexual exploitation.
        SexualExploitation = "sexualExploitation", "Child sexual exploitation risk" => [];
        /// At risk of, or experiencing, child criminal exploitation, including county lines.
        CriminalExploitation = "criminalExploitation", "Child criminal exploitation risk" => [];
        /// A history of going missing from home or care.
        MissingEpisodes = "missingEpisodes", "Missing episodes" => ["MISSING"];
        /// A physical or sensory disability.
        Disability = "disability", "Disability" => [];
        /// A learning disability or autism.
        LearningDisabilityAutism = "learningDisabilityAutism", "Learning disability or autism" => [];
        /// Needs therapeutic care, for example after trauma.
        Therapeutic = "therapeutic", "Therapeutic care" => [];
        /// Special educational needs, including an education, health and care plan.
        EducationSen = "educationSen", "Education and special educational needs" => [];
        /// Mental health needs, including CAMHS involvement.
        MentalHealth = "mentalHealth", "Mental health (CAMHS)" => [];
        /// Self-harm.
        SelfHarm = "selfHarm", "Self-harm" => [];
        /// Substance misuse.
        SubstanceMisuse = "substanceMisuse", "Substance misuse" => [];
        /// Involvement with youth justice services.
        YouthJustice = "youthJustice", "Youth justice" => [];
        /// Harmful sexual behaviour.
        HarmfulSexualBehaviour = "harmfulSexualBehaviour", "Harmful sexual behaviour" => [];
        /// Behaviour that challenges, including violence or aggression.
        BehaviourThatChallenges = "behaviourThatChallenges", "Behaviour that challenges" => [];
        /// An unaccompanied asylum-seeking child.
        UnaccompaniedAsylumSeeking = "unaccompaniedAsylumSeeking", "Unaccompanied asylum-seeking child" => ["UASC"];
        /// Subject to, or likely to need, a deprivation of liberty order.
        DeprivationOfLiberty = "deprivationOfLiberty", "Deprivation of liberty" => [];
        /// A young parent to be placed with their own child.
        ParentAndChild = "parentAndChild", "Parent and child" => [];
    }
}

codelist! {
    /// The main reason a child is looked after: the DfE category of need, one code per child.
    closed enum CategoryOfNeed ("categoryOfNeed", "Category of need") maps "SSDA903 CIN (2024-25)" {
        /// Abuse or neglect.
        AbuseOrNeglect = "abuseOrNeglect", "Abuse or neglect" => ["N1"];
        /// The child's disability.
        ChildsDisability = "childsDisability", "Child's disability" => ["N2"];
        /// Parental illness or disability.
        ParentalIllnessOrDisability = "parentalIllnessOrDisability", "Parental illness or disability" => ["N3"];
        /// Family in acute stress.
        FamilyInAcuteStress = "familyInAcuteStress", "Family in acute stress" => ["N4"];
        /// Family dysfunction.
        FamilyDysfunction = "familyDysfunction", "Family dysfunction" => ["N5"];
        /// Socially unacceptable behaviour.
        SociallyUnacceptableBehaviour = "sociallyUnacceptableBehaviour", "Socially unacceptable behaviour" => ["N6"];
        /// Low income.
        LowIncome = "lowIncome", "Low income" => ["N7"];
        /// Absent parenting.
        AbsentParenting = "absentParenting", "Absent parenting" => ["N8"];
    }
}

codelist! {
    /// The legal basis on which a child is looked after.
    closed enum LegalStatus ("legalStatus", "Legal status") maps "SSDA903 LS (2024-25)" {
        /// Interim care order.
        InterimCareOrder = "interimCareOrder", "Interim care order" => ["C1"];
        /// Full care order.
        FullCareOrder = "fullCareOrder", "Full care order" => ["C2"];
        /// Freeing order.
        FreeingOrder = "freeingOrder", "Freeing order" => ["D1"];
        /// Placement order granted.
        PlacementOrder = "placementOrder", "Placement order" => ["E1"];
        /// A single period of accommodation under section 20 of the Children Act 1989.
        Section20 = "section20", "Section 20 accommodation" => ["V2"];
        /// Accommodated under an agreed series of short-term breaks.
        ShortBreaks = "shortBreaks", "Series of short breaks" => ["V3", "V4"];
        /// Under police protection, in local authority accommodation.
        PoliceProtection = "policeProtection", "Police protection" => ["L1"];
        /// Emergency protection order.
        EmergencyProtectionOrder = "emergencyProtectionOrder", "Emergency protection order" => ["L2"];
        /// Child assessment order, in local authority accommodation.
        ChildAssessmentOrder = "childAssessmentOrder", "Child assessment order" => ["L3"];
        /// Remanded to local authority accommodation or youth detention accommodation.
        Remanded = "remanded", "Remanded" => ["J1"];
        /// Detained in local authority accommodation under the Police and Criminal Evidence Act.
        DetainedUnderPace = "detainedUnderPace", "Detained under PACE" => ["J2"];
        /// Sentenced to a youth rehabilitation order with a residence or intensive fostering
        /// requirement.
        YouthRehabilitationOrder = "youthRehabilitationOrder", "Youth rehabilitation order" => ["J3"];
    }
}

codelist! {
    /// How much support a child needs, as frameworks price it: the level of need a core weekly
    /// fee is quoted for.
    closed enum NeedLevel ("needLevel", "Level of need") {
        /// Needs met by mainstream care.
        Standard = "standard", "Standard" => [];
        /// Needs that call for additional skills or support, for example enhanced foster care.
        Enhanced = "enhanced", "Enhanced" => [];
        /// Complex needs that call for specialist care and support.
        Complex = "complex", "Complex" => [];
        /// Highly complex needs, usually with higher staffing ratios or clinical input.
        Specialist = "specialist", "Specialist" => [];
    }
}

codelist! {
    /// How soon a placement is needed.
    closed enum Urgency ("urgency", "Urgency") {
        /// Needed the same day.
        Emergency = "emergency", "Emergency (same day)" => [];
        /// Needed within seven days.
        Urgent = "urgent", "Urgent (within 7 days)" => [];
        /// Planned in advance, more than seven days ahead.
        Planned = "planned", "Planned" => [];
    }
}
