/// The six fields of an ARN, `arn:partition:service:region:account:resource`.
struct ARN: Sendable, Equatable {
    var partition: String
    var service: String
    var region: String
    var account: String
    var resource: String

    init?(_ text: String) {
        let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", !fields[1].isEmpty, !fields[2].isEmpty else { return nil }
        partition = String(fields[1])
        service = String(fields[2])
        region = String(fields[3])
        account = String(fields[4])
        resource = String(fields[5])
    }
}
