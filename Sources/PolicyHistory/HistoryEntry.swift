import CivilTime
import Snapshot

/// One step in the timeline of a policy object: which object, what the change did to it, and the record.
public struct HistoryEntry: Sendable, Equatable {
    /// What a change did to its object.
    public enum Effect: Sendable, Equatable {
        /// The object's whole new state (a document put or deleted, a boundary set).
        case set(PolicyObjectState)
        /// A member added to or removed from a set (attach and detach): undone exactly.
        case add(String)
        case remove(String)
        /// The object changed, but the record does not say to what (an unusable document, a new default version
        /// the record does not carry): the reason in words.
        case opaque(String)
    }

    /// The record behind the step, as results and messages name it.
    public struct Change: Sendable, Equatable {
        public var eventName: String
        public var eventID: String?
        public var time: UTCTime
        /// The caller's ARN.
        public var by: String?
        public var file: String?

        public init(eventName: String, eventID: String?, time: UTCTime, by: String?, file: String? = nil) {
            self.eventName = eventName
            self.eventID = eventID
            self.time = time
            self.by = by
            self.file = file
        }

        /// `PutUserPolicy at 2026-11-28T09:30:00Z (eventID …)`.
        public var label: String { "\(eventName) at \(time) (eventID \(eventID ?? "none"))" }
    }

    public var object: PolicyObject
    public var effect: Effect
    public var change: Change

    public init(object: PolicyObject, effect: Effect, change: Change) {
        self.object = object
        self.effect = effect
        self.change = change
    }

    /// The attached or detached member, for a set; nil for a whole state.
    public var member: String? {
        switch effect {
        case .add(let member), .remove(let member): return member
        case .set, .opaque: return nil
        }
    }
}
