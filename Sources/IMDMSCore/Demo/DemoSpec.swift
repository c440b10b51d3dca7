/// How the demo generator fills one dataset: a total per period shared out over weighted codes.
struct DemoSpec: Sendable {
    typealias Weights = [(code: String, weight: Double)]

    var datasetID: String
    /// Expected value of the whole dataset in one period, before season and trend.
    var totalPerPeriod: Double
    /// One weight list per dimension, in the structure's order.
    var dimensions: [Weights]
    /// Whether December/January peaks and the 2020 border closures apply.
    var seasonal: Bool
    /// Yearly growth, e.g. 0.03.
    var growth: Double
    /// The years that have data when not every year has (a census dataset: census years).
    var onlyYears: [Int]? = nil
    /// Relative noise, e.g. 0.1 for ±10%.
    var noise: Double = 0.1
}
