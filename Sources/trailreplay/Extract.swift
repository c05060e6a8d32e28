import ArgumentParser

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Extract authorization-failure records as JSON Lines.")
    func run() throws {}
}
