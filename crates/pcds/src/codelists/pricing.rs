//! Codelists describing prices: bases, services, discounts, reviews and funding.

codelist! {
    /// The period or unit a price is stated for. Every price can be normalised to a weekly
    /// equivalent (see `Price`).
    closed enum PriceBasis ("priceBasis", "Price basis") {
        /// Per hour, for example 1:1 staffing; the price must say how many hours a week.
        PerHour = "perHour", "Per hour" => [];
        /// Per day (7 days a week).
        PerDay = "perDay", "Per day" => [];
        /// Per night (7 nights a week), for example waking night staff.
        PerNight = "perNight", "Per night" => [];
        /// Per week.
        PerWeek = "perWeek", "Per week" => [];
        /// Per calendar month (12 months are 52 weeks).
        PerMonth = "perMonth", "Per month" => [];
        /// Per year (52 weeks).
        PerYear = "perYear", "Per year" => [];
    }
}

codelist! {
    /// A service bought on top of the core fee.
    open enum AdditionalService ("additionalService", "Additional service") {
        /// Waking night staff.
        WakingNight = "wakingNight", "Waking night staff" => [];
        /// One member of staff dedicated to the child (1:1).
        Staffing1To1 = "staffing1to1", "1:1 staffing" => [];
        /// Two members of staff dedicated to the child (2:1).
        Staffing2To1 = "staffing2to1", "2:1 staffing" => [];
        /// Therapy: psychotherapy, play therapy, speech and language therapy and similar.
        Therapy = "therapy", "Therapy" => [];
        /// Mental-health practitioner time.
        MentalHealthSupport = "mentalHealthSupport", "Mental health support" => [];
        /// Education provided by the provider, for example an on-site school.
        Education = "education", "Education" => [];
        /// Transport, for example to school or family time.
        Transport = "transport", "Transport" => [];
        /// Supervised family time (contact).
        SupervisedContact = "supervisedContact", "Supervised contact" => [];
        /// Support to prepare for independence.
        IndependenceSupport = "independenceSupport", "Independence support" => [];
        /// Respite for foster carers.
        CarerRespite = "carerRespite", "Carer respite" => [];
    }
}

codelist! {
    /// The kind of a discount a provider commits to or applies.
    open enum DiscountType ("discountType", "Discount type") {
        /// For a placement that lasts beyond a stated time, for example at least 5 % from day one
        /// of the tenth month.
        LongTerm = "longTerm", "Long-term placement" => [];
        /// For placing brothers and sisters together.
        Sibling = "sibling", "Sibling group" => [];
        /// For a number of placements with the same provider across a council or region.
        Volume = "volume", "Volume" => [];
        /// For moving a child to a less intensive placement early (step-down).
        StepDown = "stepDown", "Step-down incentive" => [];
        /// For paying invoices early.
        EarlyPayment = "earlyPayment", "Early payment" => [];
        /// For an empty place in a block contract that the council filled late.
        Void = "void", "Void reduction" => [];
    }
}

codelist! {
    /// What kind of change to a fee an amendment records.
    closed enum FeeChangeType ("feeChangeType", "Fee change type") {
        /// The fee rose after a fee review (an uplift).
        Uplift = "uplift", "Uplift" => [];
        /// The fee fell.
        Reduction = "reduction", "Reduction" => [];
        /// An additional service was added or changed.
        ServiceChange = "serviceChange", "Service change" => [];
        /// A committed discount began to apply.
        DiscountApplied = "discountApplied", "Discount applied" => [];
    }
}

codelist! {
    /// How a fee is reviewed.
    open enum FeeReviewMechanism ("feeReviewMechanism", "Fee review mechanism") {
        /// Reviewed by a fixed percentage agreed in advance.
        FixedPercentage = "fixedPercentage", "Fixed percentage" => [];
        /// Reviewed in line with a published price index such as CPI.
        PriceIndex = "priceIndex", "Price index" => [];
        /// Reviewed in line with National Living Wage changes.
        NationalLivingWage = "nationalLivingWage", "National Living Wage" => [];
        /// Negotiated between council and provider.
        Negotiated = "negotiated", "Negotiated" => [];
        /// Fixed for the life of the agreement.
        NoReview = "noReview", "No review" => [];
    }
}

codelist! {
    /// Who pays a share of a placement's cost.
    closed enum FundingSource ("fundingSource", "Funding source") {
        /// Children's social care.
        SocialCare = "socialCare", "Social care" => [];
        /// Education, for example from the high-needs block.
        Education = "education", "Education" => [];
        /// Health, for example an integrated care board.
        Health = "health", "Health" => [];
    }
}

codelist! {
    /// How a qualification criterion is applied to providers applying to a framework or DPS.
    closed enum CriterionType ("criterionType", "Criterion type") {
        /// Pass or fail: providers that fail are not admitted.
        PassFail = "passFail", "Pass or fail" => [];
        /// Weighted: providers are scored and the score carried into evaluations.
        Weighted = "weighted", "Weighted" => [];
    }
}

codelist! {
    /// What caused a fee to change. Together with the change's `type` (which way the fee moved)
    /// it says why a weekly price is what it is on a given date.
    closed enum FeeChangeTrigger ("feeChangeTrigger", "Fee change trigger") {
        /// The scheduled review under the agreement's or framework's fee review terms, for
        /// example the 1 April annual review.
        AnnualReview = "annualReview", "Annual fee review" => [];
        /// A review outside the schedule, agreed by both sides.
        InterimReview = "interimReview", "Interim review" => [];
        /// The child's needs changed, so the care or services bought changed.
        ChangeOfNeeds = "changeOfNeeds", "Change of needs" => [];
        /// A discount the agreement commits to started to apply, for example a long-term
        /// discount from the tenth month.
        DiscountStarting = "discountStarting", "Discount starting" => [];
        /// A discount stopped applying, for example a volume discount when the group's
        /// placements fell below the threshold.
        DiscountEnding = "discountEnding", "Discount ending" => [];
        /// A published figure was wrong and is corrected from the same date.
        Correction = "correction", "Correction" => [];
    }
}

codelist! {
    /// The part of a weekly price a percentage is taken of: a fee change's or a discount's.
    closed enum PriceBase ("priceBase", "Price base") {
        /// The core fee only; additional services and discounts are unchanged.
        CoreFee = "coreFee", "Core fee only" => [];
        /// The core fee and every additional service, before discounts.
        CoreAndServices = "coreAndServices", "Core fee and services" => [];
        /// The weekly total after discounts.
        DiscountedTotal = "discountedTotal", "Discounted total" => [];
    }
}

codelist! {
    /// Whom a weekly price is for, when an agreement covers more than one child.
    closed enum PriceUnit ("priceUnit", "Price unit") {
        /// Each child's price: the weekly total is paid once for every child the agreement
        /// covers.
        PerChild = "perChild", "Per child" => [];
        /// One price for the whole group: the weekly total is paid once, for all the children
        /// together.
        PerGroup = "perGroup", "Per group" => [];
    }
}

codelist! {
    /// When a price applies: the ordinary service, or a premium level for placements made in
    /// an emergency or out of hours. A service level is a property of a price line, never a
    /// level of need.
    closed enum ServiceLevel ("serviceLevel", "Service level") {
        /// Placements arranged in the ordinary way, in working hours.
        Standard = "standard", "Standard" => [];
        /// Same-day placements.
        Emergency = "emergency", "Emergency (same day)" => [];
        /// Placements arranged out of hours: evenings, nights, weekends and bank holidays.
        OutOfHours = "outOfHours", "Out of hours" => [];
    }
}

codelist! {
    /// How an empty reserved place (a void) is paid for, so that the cost of a void over any
    /// period has one answer (see `BlockTerms::void_cost`).
    closed enum VoidCosting ("voidCosting", "Void costing") {
        /// By the day: each day a place stands empty costs a seventh of its weekly price, times
        /// the void payment percentage.
        PerDay = "perDay", "Per day" => [];
        /// By the whole week: each whole week a place stands empty costs its weekly price,
        /// times the void payment percentage; days short of a whole week cost nothing.
        PerWeek = "perWeek", "Per whole week" => [];
    }
}
