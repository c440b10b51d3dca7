import IMDMSCore
import Testing

@Suite("Disclosure control for observations sent as stored")
struct ObservationDisclosureTests {
    static let reference = try! ReferenceConfiguration.lesotho()
    static var victims: DataStructure { reference.structure("TIP_VICTIMS")! }

    static func obs(_ exploitation: String, _ sex: String, _ value: Double, conf: ConfidentialityStatus = .free) throws -> Observation {
        Observation(key: [exploitation, sex, "Y_GE18", "LSO", "ZAF"], period: try Period(parsing: "2022-Q4"), value: value, confidentiality: conf)
    }

    static func apply(_ observations: [Observation]) -> [String: Observation] {
        let out = ObservationDisclosure(structure: victims, codelists: reference.codelistsByID).apply(to: observations)
        return Dictionary(uniqueKeysWithValues: out.map { ($0.key[0] + "." + $0.key[1], $0) })
    }

    @Test("A small count and its total: the partner is withheld too, so the total minus the rest reveals nothing")
    func explicitTotal() throws {
        let out = Self.apply([try Self.obs("SEXUAL", "_T", 14), try Self.obs("SEXUAL", "F", 12), try Self.obs("SEXUAL", "M", 2)])
        #expect(out["SEXUAL.M"]?.value == nil && out["SEXUAL.M"]?.confidentiality == .primary && out["SEXUAL.M"]?.status == .suppressed)
        #expect(out["SEXUAL.F"]?.value == nil && out["SEXUAL.F"]?.confidentiality == .secondary)
        #expect(out["SEXUAL._T"]?.value == 14)
    }

    @Test("Without a stored total, the sum a table would show over the codes still counts as one")
    func implicitTotal() throws {
        let out = Self.apply([try Self.obs("SEXUAL", "F", 12), try Self.obs("SEXUAL", "M", 1),
                              try Self.obs("LABOUR", "F", 4), try Self.obs("LABOUR", "M", 9)])
        #expect(out["SEXUAL.M"]?.value == nil && out["SEXUAL.F"]?.value == nil)
        let shown = out.values.compactMap(\.value)
        #expect(!shown.contains { $0 > 0 && $0 < 3 })
        // No relation (a row or column of the 2×2 grid) has exactly one withheld value.
        for pair in [("SEXUAL.F", "SEXUAL.M"), ("LABOUR.F", "LABOUR.M"), ("SEXUAL.F", "LABOUR.F"), ("SEXUAL.M", "LABOUR.M")] {
            #expect((out[pair.0]?.value == nil) == (out[pair.1]?.value == nil), "\(pair)")
        }
    }

    @Test("A value the producer marked confidential leaves without its value")
    func producerConfidential() throws {
        let out = Self.apply([try Self.obs("SEXUAL", "F", 40, conf: .confidential), try Self.obs("SEXUAL", "M", 30)])
        #expect(out["SEXUAL.F"]?.value == nil && out["SEXUAL.F"]?.confidentiality == .confidential)
        #expect(out["SEXUAL.M"]?.value == 30)
    }
}
