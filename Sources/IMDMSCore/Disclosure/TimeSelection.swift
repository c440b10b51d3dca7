/// The periods a table asks for: the target periods at its frequency within its range, each as
/// the cube periods it adds up (itself when the range holds it whole; else its own periods in
/// the range; for a stock, the last of them).
struct TimeSelection {
    var natives: [Period] = []
    var targets: [Period] = []
    var parts: [Period: [Period]] = [:]
    /// What the margin over time adds up when time is on an axis: every target (a stock: the last).
    var marginParts: [Period] = []
    /// What a table without time on an axis adds up: the whole range (a stock: its last period).
    var overallParts: [Period] = []

    init(cube: ProtectedCube, request: TableRequest) {
        let frequency = request.frequency ?? cube.structure.frequency
        let own = cube.periods(at: cube.structure.frequency)
        natives = own.filter { period in
            (request.startPeriod.map { $0.startDate <= period.startDate } ?? true) && (request.endPeriod.map { period.endDate <= $0.endDate } ?? true)
        }
        var inside: [Period: [Period]] = [:]
        for period in natives { if let target = period.converted(to: frequency) { inside[target, default: []].append(period) } }
        targets = inside.keys.sorted()
        for target in targets {
            let mine = inside[target] ?? []
            if cube.isStock {
                parts[target] = mine.max().map { [$0] } ?? []
            } else {
                let whole = own.filter { target.contains($0) }
                parts[target] = whole.count == mine.count && target.frequency != cube.structure.frequency ? [target] : mine
            }
        }
        let all = targets.flatMap { parts[$0] ?? [] }
        marginParts = cube.isStock ? (targets.last.flatMap { parts[$0] } ?? []) : all
        overallParts = marginParts
    }
}
