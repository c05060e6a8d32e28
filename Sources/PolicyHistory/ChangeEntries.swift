import CivilTime
import Replay
import Snapshot
import TrailJSON

/// The steps one policy change record makes in the timelines, and the problem with it, if any.
struct ChangeEntries {
    var entries: [HistoryEntry] = []
    var diagnostic: String?

    /// `versions`: the documents of managed policy versions created earlier in the archive, by policy ARN and
    /// version id, for SetDefaultPolicyVersion; a CreatePolicy or CreatePolicyVersion record adds to it.
    init(_ record: PolicyChange, versions: inout [String: [String: JSONValue]]) {
        guard let time = record.eventTime else {
            diagnostic = "\(record.eventName) record (eventID \(record.eventID ?? "none")) has no usable eventTime; not applied"
            return
        }
        let change = HistoryEntry.Change(eventName: record.eventName, eventID: record.eventID, time: time, by: record.by,
            file: record.file)
        let account = record.account
        func entity(_ subject: PolicyChange.Subject?) -> (PolicyObject.Entity, String)? {
            switch subject {
            case .user(let name): return (.user, name)
            case .role(let name): return (.role, name)
            case .group(let name): return (.group, name)
            default: return nil
            }
        }
        var steps: [(PolicyObject, HistoryEntry.Effect)] = []
        func document(for object: PolicyObject) -> HistoryEntry.Effect {
            switch ChangeEntries.decode(record, for: object) {
            case .success(let document): return .set(.document(document))
            case .failure(let problem):
                diagnostic = "\(record.eventName) record (eventID \(record.eventID ?? "none")): \(problem); "
                    + "\(object) is unknown around \(time)"
                return .opaque("the \(change.label) record's document cannot be used: \(problem)")
            }
        }
        let name = record.eventName
        switch record.eventSource {
        case "iam.amazonaws.com":
            if let account, let (kind, entityName) = entity(record.subject) {
                let policy = record.policy ?? ""
                switch name {
                case "PutUserPolicy", "PutRolePolicy", "PutGroupPolicy":
                    let object = PolicyObject.inlinePolicy(account: account, entity: kind, name: entityName, policy: policy)
                    steps.append((object, document(for: object)))
                case "DeleteUserPolicy", "DeleteRolePolicy", "DeleteGroupPolicy":
                    steps.append((.inlinePolicy(account: account, entity: kind, name: entityName, policy: policy), .set(.document(nil))))
                case "AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy":
                    steps.append((.attachments(account: account, entity: kind, name: entityName), .add(policy)))
                case "DetachUserPolicy", "DetachRolePolicy", "DetachGroupPolicy":
                    steps.append((.attachments(account: account, entity: kind, name: entityName), .remove(policy)))
                case "PutUserPermissionsBoundary", "PutRolePermissionsBoundary":
                    steps.append((.boundary(account: account, entity: kind, name: entityName), .set(.boundary(policy))))
                case "DeleteUserPermissionsBoundary", "DeleteRolePermissionsBoundary":
                    steps.append((.boundary(account: account, entity: kind, name: entityName), .set(.boundary(nil))))
                case "UpdateAssumeRolePolicy" where kind == .role:
                    let object = PolicyObject.trustPolicy(account: account, role: entityName)
                    steps.append((object, document(for: object)))
                default: break
                }
            } else if let arn = record.policy {
                let object = PolicyObject.managedPolicy(arn: arn)
                switch name {
                case "CreatePolicy", "CreatePolicyVersion":
                    let effect = document(for: object)
                    if case .set(.document(let created?)) = effect {
                        versions[arn, default: [:]][name == "CreatePolicy" ? "v1" : record.versionID ?? ""] = created
                    }
                    if name == "CreatePolicy" || record.setAsDefault == true { steps.append((object, effect)) }
                case "SetDefaultPolicyVersion":
                    if let version = record.versionID, let known = versions[arn]?[version] {
                        steps.append((object, .set(.document(known))))
                    } else {
                        steps.append((object, .opaque("the \(change.label) record names version `\(record.versionID ?? "?")`, "
                            + "whose document is not in the archive")))
                    }
                case "DeletePolicy": steps.append((object, .set(.document(nil))))
                default: break
                }
            }
        case "s3.amazonaws.com":
            if case .bucket(let bucket) = record.subject {
                let object = PolicyObject.bucketPolicy(bucket: bucket)
                steps.append((object, name == "DeleteBucketPolicy" ? .set(.document(nil)) : document(for: object)))
            }
        case "organizations.amazonaws.com":
            guard let id = record.policy else { break }
            switch (name, record.subject) {
            case ("AttachPolicy", .organizationTarget(let target)): steps.append((.organizationTargets(id: id), .add(target)))
            case ("DetachPolicy", .organizationTarget(let target)): steps.append((.organizationTargets(id: id), .remove(target)))
            case ("CreatePolicy", _):
                let object = PolicyObject.organizationPolicy(id: id)
                steps.append((object, document(for: object)))
                steps.append((.organizationTargets(id: id), .set(.members([]))))
            case ("UpdatePolicy", _) where record.document != nil || record.documentProblem != nil:
                let object = PolicyObject.organizationPolicy(id: id)
                steps.append((object, document(for: object)))
            case ("DeletePolicy", _): steps.append((.organizationPolicy(id: id), .set(.document(nil))))
            default: break
            }
        case "sqs.amazonaws.com", "sns.amazonaws.com", "ecr.amazonaws.com", "secretsmanager.amazonaws.com", "lambda.amazonaws.com":
            guard case .resource(let arn) = record.subject else { break }
            let object = PolicyObject.resourcePolicy(arn: arn)
            if PolicyChange.statementEvents.contains(name) {
                steps.append((object, .opaque("the \(change.label) record adds or removes one statement; the policy "
                    + "before it is not in the record")))
            } else if name.hasPrefix("Delete") || record.document == .string("") {
                // An empty Policy attribute removes a queue's or topic's policy.
                steps.append((object, .set(.document(nil))))
            } else {
                steps.append((object, document(for: object)))
            }
        case "kms.amazonaws.com":
            if let key = ChangeEntries.keyARN(record) {
                let object = PolicyObject.keyPolicy(arn: key)
                steps.append((object, document(for: object)))
            }
        default:
            break
        }
        entries = steps.map { HistoryEntry(object: $0.0, effect: $0.1, change: change) }
    }

    /// The ARN of the key a PutKeyPolicy record names: `keyId` as given when it is an ARN, else built from the
    /// record's account and region (`arn:aws:kms:REGION:ACCOUNT:key/ID`).
    static func keyARN(_ record: PolicyChange) -> String? {
        guard case .key(let id) = record.subject else { return nil }
        if id.hasPrefix("arn:") { return id }
        guard let account = record.account, let region = record.region else { return nil }
        return "arn:aws:kms:\(region):\(account):key/\(id)"
    }

    /// The record's new document, decoded as the snapshot's documents are and within AWS's quota for the object.
    static func decode(_ record: PolicyChange, for object: PolicyObject) -> Result<JSONValue, ChangeProblem> {
        if let problem = record.documentProblem { return .failure(ChangeProblem(problem)) }
        guard let raw = record.document else { return .failure(ChangeProblem("the record carries no policy document")) }
        let document: JSONValue
        do { document = try PolicyDocumentDecoding.decode(raw) } catch { return .failure(ChangeProblem(error.description)) }
        if let quota = DocumentQuota.of(object), quota.size(of: document) > quota.maximum {
            return .failure(ChangeProblem("the policy document has \(quota.size(of: document)) characters, more than the "
                + "\(quota.maximum) AWS accepts (\(quota.source))"))
        }
        return .success(document)
    }
}

/// Why a change record's document cannot be used, in words.
struct ChangeProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
