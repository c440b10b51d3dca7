import Foundation
import IMDMSCore

extension MovementDerivationJob {
    /// What the people read again give (D50): their outcomes at the new end of the data added, those
    /// at the old end taken away (the kept cells hold them), and each person's checkpoint where it changed.
    struct PeopleDerivation {
        var added: MigrationDerivation
        var takenAway: MigrationDerivation
        /// Whether the crossings are counted here (not when they were counted as the extract was read, D88).
        let counting: Bool
        var checkpoints: [MovementPeople.Checkpoint] = []

        mutating func derive(_ person: MovementPeople.Person) {
            if counting { added.count(crossings: person.movements, included: person.isNew) }
            // Each time read once; the old crossings (before the new ones, unless records came late) passed as they are.
            let moments = Movement.moments(of: person.movements)
            let oldCount = person.isNew.firstIndex(of: true) ?? person.isNew.count
            if !person.isNew[oldCount...].contains(false) {
                takenAway.addOutcomes(of: person.movements[..<oldCount], moments: moments[..<oldCount], initiallyResident: person.resident, sign: -1)
            } else {
                let old = person.isNew.indices.filter { !person.isNew[$0] }
                takenAway.addOutcomes(of: old.map { person.movements[$0] }[...], moments: old.map { moments[$0] }[...],
                                      initiallyResident: person.resident, sign: -1)
            }
            let settled = added.addOutcomes(of: person.movements[...], moments: moments[...], initiallyResident: person.resident, sign: 1)
            let checkpoint = MovementPeople.Checkpoint(
                person: person.person,
                settledUntil: settled.count > 0 ? person.movements[settled.count - 1].time : person.settledUntil,
                resident: settled.count > 0 ? settled.residentAfter : person.resident,
                open: settled.count < person.movements.count,
                openCrossings: person.openText(from: settled.count),
                changesAt: settled.changesAt.map(Movement.timeText))
            if !checkpoint.isUnchanged(from: person) { checkpoints.append(checkpoint) }
        }
    }
}
