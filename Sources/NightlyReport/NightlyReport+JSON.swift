import ReplayResults
import TrailJSON

extension NightlyReport {
    /// The report for machines: `total` (authorization failures in the period, each call once) and
    /// `duplicateDeliveries` at the top, beside the period, the baseline, every breakdown in full (sorted by
    /// count), the hours and the new denies; `baseline.total` is the baseline's number of calls and `storeDays` the
    /// spans of days the store holds calls for (`to` inclusive).
    public var json: JSONValue {
        var object = JSONObject()
        func put(_ key: String, _ value: JSONValue) { object.members.append(.init(key: key, value: value)) }
        func number(_ n: Int) -> JSONValue { .number(String(n)) }
        func counts(_ map: [String: Int]) -> JSONValue {
            .object(JSONObject(AttributionSummary.sorted(map).map { .init(key: $0.key, value: number($0.value)) }))
        }
        put("period", ["from": .string(period.from), "to": .string(period.to)])
        put("total", number(summary.total))
        put("duplicateDeliveries", number(duplicateDeliveries))
        put("baseline", ["from": .string(baseline.from), "to": .string(baseline.to), "total": number(baselineTotal)])
        put("storeDays", .array(storeDays.spans.map { span in
            ["from": .string(span.first.description), "to": .string(span.last.description), "days": number(span.count)]
        }))
        put("newDenies", .array(newDenies.map { entry in
            [
                "principal": .string(entry.signature.principal), "action": .string(entry.signature.action),
                "layer": .string(entry.signature.layerText), "statement": .string(entry.signature.statement),
                "count": number(entry.count), "firstSeen": .string(entry.firstSeen),
            ]
        }))
        put("byDecision", counts(summary.byDecision))
        put("byLayer", counts(summary.byLayerName))
        put("byAccount", counts(byAccount))
        put("byPrincipal", counts(summary.byPrincipal))
        put("byAction", counts(summary.byAction))
        put("byStatement", counts(summary.byStatement))
        put("byHour", .array(byHour.map(number)))
        put("reproduced", number(summary.reproduced))
        put("notReproduced", number(summary.notReproduced))
        if summary.sinceFixed > 0 { put("deniedSinceFixed", number(summary.sinceFixed)) }
        put("reasons", counts(summary.reasons))
        put("agreement", ["agreed": number(summary.agreed), "disagreed": number(summary.disagreed),
                          "notCompared": number(summary.unreported)])
        return .object(object)
    }
}
