/// The statements of one layer (or one organization level) that matched a request.
struct LayerResult {
    var denies: [DenyReason] = []
    var allows: [AllowReason] = []

    var allowed: Bool { !allows.isEmpty }
}
