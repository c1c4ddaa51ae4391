import ArgumentParser

/// The pieces every subcommand shares, declared once so each command lists only what is its
/// own (ARCHITECTURE: options grouped with `@OptionGroup`).

/// A subcommand's name and one-line description.
func command(_ name: String, _ abstract: String, subcommands: [ParsableCommand.Type] = [])
  -> CommandConfiguration
{
  CommandConfiguration(commandName: name, abstract: abstract, subcommands: subcommands)
}

/// An audit bundle directory and the options for reading it.
struct BundleInput: ParsableArguments {
  @Argument(help: "Audit bundle directory.")
  var dir: String

  @OptionGroup var bundle: BundleOptions
}

/// `--out FILE`, else stdout.
struct OutputFile: ParsableArguments {
  @Option(name: .long, help: "Write the result to this file instead of stdout.")
  var out: String?
}

/// One camera of the registry: its id and where the registry is.
struct RegistryCamera: ParsableArguments {
  @Argument(help: "Camera id (device code).")
  var id: String

  @OptionGroup var store: RegistryDBOption
}
