/// What the statements of one layer (or one organization level) gave a request, besides the reasons they added.
struct LayerResult {
    /// Whether some statement allowed.
    var allowed = false
    /// The grants of the allowing statements, in order, for a layer that matches principals.
    var grants: [PrincipalGrant] = []
}
