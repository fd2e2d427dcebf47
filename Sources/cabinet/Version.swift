/// The one place the release is named: `cabinet --version`, `--help` and the man page read it.
enum CabinetVersion {
    static let current = "0.15.0"
}
