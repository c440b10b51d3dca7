/// Where an import's profile came from: given with the file, the producer's saved one for a file
/// of the same shape, or proposed from the file.
public enum ProfileSource: String, Sendable, Codable {
    case given, saved, proposed
}
