// The built-in themes of TalabatiUI come from `themes/*.toml` at the package root, parsed at
// build time (issue 11, item 5; issue 12, goal 2): this build-tool plugin runs
// TalabatiThemeGen over every theme file and adds the Swift it writes (`BuiltinThemes.all`)
// to the target. `themes/` is the only copy of the themes; a theme that does not parse fails
// the build with its file and line.
import Foundation
import PackagePlugin

@main
struct BuiltinThemes: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let directory = context.package.directoryURL.appending(path: "themes")
    let themes = try FileManager.default.contentsOfDirectory(
      at: directory, includingPropertiesForKeys: nil
    )
    .filter { $0.pathExtension == "toml" }
    .sorted { $0.lastPathComponent < $1.lastPathComponent }
    let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinThemes.swift")
    return [
      .buildCommand(
        displayName: "Generating the built-in themes from themes/*.toml",
        executable: try context.tool(named: "TalabatiThemeGen").url,
        arguments: [output.path] + themes.map(\.path),
        inputFiles: themes,
        outputFiles: [output])
    ]
  }
}
