import PolicyLanguage

/// The rules AWS applies on top of policy evaluation for particular actions and resources: the action that is
/// always allowed, the resources no customer policy can grant changes to, and KMS keys, whose key policy must
/// allow every use.
enum ServiceRules {
    /// "No permissions are required to perform this operation. If an administrator attaches a policy to your
    /// identity that explicitly denies access to the sts:GetCallerIdentity action, you can still perform this
    /// operation." (STS API reference, GetCallerIdentity)
    static func alwaysAllowed(action: String, ignoring denies: [DenyReason]) -> BuiltInRule? {
        guard action == "sts:getcalleridentity" else { return nil }
        var detail = "sts:GetCallerIdentity needs no permission and no Deny applies to it"
        if !denies.isEmpty {
            detail += "; ignored: " + denies.map { "\($0.layer.rawValue) policy `\($0.policy)` statement `\($0.statement)`" }
                .joined(separator: ", ")
        }
        return BuiltInRule(kind: .alwaysAllowed, detail: detail,
            source: "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html")
    }

    /// The path of service-linked roles, as it appears in their ARNs.
    static let serviceRolePath = ":role/aws-service-role/"

    static let managedPolicyChanges: Set<String> = [
        "iam:createpolicyversion", "iam:deletepolicyversion", "iam:deletepolicy", "iam:setdefaultpolicyversion",
        "iam:tagpolicy", "iam:untagpolicy",
    ]
    /// IAM actions that change a role; service-linked roles still let customers edit their description.
    static let roleChanges: Set<String> = [
        "iam:attachrolepolicy", "iam:detachrolepolicy", "iam:putrolepolicy", "iam:deleterolepolicy",
        "iam:updateassumerolepolicy", "iam:putrolepermissionsboundary", "iam:deleterolepermissionsboundary",
        "iam:deleterole", "iam:tagrole", "iam:untagrole", "iam:updaterole", "iam:updateroledescription",
    ]
    static let serviceLinkedRoleEdits: Set<String> = ["iam:updaterole", "iam:updateroledescription"]
    static let aliasChanges: Set<String> = ["kms:createalias", "kms:updatealias", "kms:deletealias"]

    /// The protection that keeps every customer policy from granting `action` on `resource`, if any.
    static func protection(action: String, resource: String, caller: PrincipalIdentity, context: RequestContext)
        -> BuiltInRule?
    {
        // Most requests are on other services: decide that before parsing anything.
        guard action.hasASCIIPrefix("iam:") || action.hasASCIIPrefix("kms:"),
            managedPolicyChanges.contains(action) || roleChanges.contains(action) || aliasChanges.contains(action),
            let arn = ARN(resource)
        else { return nil }
        let byService = caller.kind == .service
            || (context.values(.principalArn) ?? [caller.arn]).contains { $0.containsBytes(serviceRolePath) }
        switch arn.service {
        case "iam" where arn.account == "aws" && arn.resource.hasPrefix("policy/") && managedPolicyChanges.contains(action):
            return BuiltInRule(kind: .awsManagedPolicy,
                detail: "`\(resource)` is an AWS managed policy, which no customer policy can grant changes to",
                source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-edit.html")
        case "iam" where roleChanges.contains(action) && !byService:
            let role = arn.resource
            if role.hasPrefix("role/aws-reserved/") || role.split(separator: "/").last?.hasPrefix("AWSReservedSSO_") == true {
                return BuiltInRule(kind: .identityCenterRole,
                    detail: "`\(resource)` is a role IAM Identity Center manages (path /aws-reserved/): it is changed "
                        + "through its permission set, and no customer policy can grant changes to it in IAM",
                    source: "https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html")
            }
            if role.hasPrefix("role/aws-service-role/") && !serviceLinkedRoleEdits.contains(action) {
                return BuiltInRule(kind: .serviceLinkedRole,
                    detail: "`\(resource)` is a service-linked role: only the service that depends on it can change "
                        + "or delete it, whatever the customer's policies allow",
                    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-service-linked-role.html")
            }
            return nil
        case "kms" where aliasChanges.contains(action) && arn.resource.hasPrefix("alias/aws/"):
            return BuiltInRule(kind: .awsManagedKeyAlias,
                detail: "`\(resource)` is an alias under `alias/aws/`, which AWS reserves for AWS managed keys: "
                    + "no customer policy can grant creating, updating or deleting it",
                source: "https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html")
        default:
            return nil
        }
    }

    /// Whether `resource` is a KMS key ("Unless the key policy explicitly allows it, you cannot use IAM policies
    /// to allow access to a KMS key", KMS developer guide, Key policies).
    static func isKMSKey(_ resource: String) -> Bool {
        ARN(resource)?.isKMSKey ?? false
    }
}
