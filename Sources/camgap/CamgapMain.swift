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
      fail("camgap: \(e.description)", code: 1)
    } catch let e as InputError {
      fail("camgap: \(e.description)", code: 2)
    } catch let e as InputErrors {
      fail(e.errors.map { "camgap: \($0.description)" }.joined(separator: "\n"), code: 2)
    } catch let e as CheckFailed {
      fail("camgap: \(e.message)", code: 3)
    } catch let e as GeometryError {
      switch e {
      case .proj: fail("camgap: \(e.description)", code: 1)
      default: fail("camgap: \(e.description)", code: 2)
      }
    } catch let e as UsageError {
      fail("camgap: \(e.message)", code: 1)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      let msg = fullMessage(for: error)
      if code == .validationFailure || code.rawValue == 64 {
        fail(msg, code: 1)
      }
      fail(msg.isEmpty ? "camgap: \(error)" : msg, code: code.rawValue == 0 ? 1 : code.rawValue)
    }
  }

  static func fail(_ message: String, code: Int32) -> Never {
    SafeOutput.writeStandardError(message + "\n")
    Foundation.exit(code)
  }
}

/// `--check` found a zone below its target.
struct CheckFailed: Error { var message: String }

/// A bad combination of options.
struct UsageError: Error { var message: String }
