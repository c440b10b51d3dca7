/// What checking an incoming file gave: the observations to store, or every problem found.
public enum ImportOutcome: Sendable {
    case valid([Observation])
    case invalid([ImportProblem])

    public var problems: [ImportProblem] {
        if case let .invalid(problems) = self { return problems }
        return []
    }

    public var observations: [Observation] {
        if case let .valid(observations) = self { return observations }
        return []
    }
}
