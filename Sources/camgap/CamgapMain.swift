import ArgumentParser
import Foundation
import Geometry
import Support

#if canImport(Glibc)
  import CMalloc
#endif

/// The command-line front: argument parsing and exit codes only; every command calls
/// one library function. Exit codes (SPEC §3): 0 ok, 1 usage error, 2 bad input,
/// 3 check failed.
@main
struct Camgap: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "camgap",
    abstract: "Keeps a registry of surveillance cameras and finds where they leave public space unwatched.",
    version: "0.1.0",
    subcommands: [
      AuditCommand.self,
      CoverageCommand.self,
      ValidateCommand.self,
      PlanCommand.self,
      RegistryCommand.self,
      EntriesCommand.self,
      DiffCommand.self,
      ConvertCommand.self,
      InitManifestCommand.self,
    ])

  static func main() {
    #if canImport(Glibc)
      // A city audit allocates and frees hundreds of megabytes in waves (the file, the
      // footprints, each tile's pieces). glibc's default gives freed memory back to the
      // kernel at once and then takes fresh, zeroed pages again; keeping it costs nothing
      // for a process that ends with the audit and saved a tenth of a second of system
      // time at 150,000 cameras.
      mallopt(M_TOP_PAD, 64 << 20)
      mallopt(M_TRIM_THRESHOLD, 512 << 20)
    #endif
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let e as OutputError {
      fail(e.description, code: 1)
    } catch let e as InputError {
      fail(e.description, code: 2)
    } catch let e as InputErrors {
      fail(lines: e.errors.map(\.description), code: 2)
    } catch let e as CheckFailed {
      fail(e.message, code: 3)
    } catch let e as VersionConflict {
      fail(e.message, code: 4)
    } catch let e as GeometryError {
      switch e {
      case .proj: fail(e.description, code: 1)
      default: fail(e.description, code: 2)
      }
    } catch let e as UsageError {
      fail(e.message, code: 1)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      let msg = fullMessage(for: error)
      if code == .validationFailure || code.rawValue == 64 {
        write(msg, code: 1)
      }
      if msg.isEmpty { fail("\(error)", code: code.rawValue == 0 ? 1 : code.rawValue) }
      write(msg, code: code.rawValue == 0 ? 1 : code.rawValue)
    }
  }

  /// One error line per message, each `camgap: ` and the message with its control and
  /// bidirectional characters made visible: messages quote names and values from the
  /// user's files, and stderr is usually a terminal.
  static func fail(lines: [String], code: Int32) -> Never {
    write(lines.map { "camgap: " + SafeText.visible($0) }.joined(separator: "\n"), code: code)
  }

  static func fail(_ message: String, code: Int32) -> Never { fail(lines: [message], code: code) }

  /// Usage text from the argument parser, written as it comes: it quotes only the command line.
  static func write(_ text: String, code: Int32) -> Never {
    SafeOutput.writeStandardError(text + "\n")
    Foundation.exit(code)
  }
}

/// `--check` found a zone below its target.
struct CheckFailed: Error { var message: String }

/// `--if-version`: the camera changed since the planner read it (SPEC §3, exit 4).
struct VersionConflict: Error { var message: String }

/// A bad combination of options.
struct UsageError: Error { var message: String }
