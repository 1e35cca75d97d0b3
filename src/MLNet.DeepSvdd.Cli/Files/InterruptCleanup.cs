using System.Runtime.InteropServices;

namespace MLNet.DeepSvdd.Cli.Files;

/// <summary>
/// What the <c>deepsvdd</c> process does when it is interrupted (Ctrl-C = SIGINT, SIGTERM, SIGQUIT): it deletes the temporary files of
/// the writes in progress (<see cref="AtomicFile.DeleteInFlight"/>) and then lets the signal end the process as it would have (status
/// 130 for Ctrl-C), so no hidden <c>.tmp</c> file is left next to a destination, and every destination holds its previous content or
/// the new one, never part of it.
/// </summary>
public static class InterruptCleanup
{
    /// <summary>Registers the handlers; dispose the result to remove them (the process keeps them for its lifetime).</summary>
    public static IDisposable Install()
    {
        var registrations = new List<PosixSignalRegistration>();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            // The handler does not set Cancel: after it returns, the runtime ends the process the signal's default way.
            try { registrations.Add(PosixSignalRegistration.Create(signal, _ => AtomicFile.DeleteInFlight())); }
            catch (PlatformNotSupportedException) { } // SIGQUIT on Windows
        }
        AppDomain.CurrentDomain.ProcessExit += OnExit;
        return new Registrations(registrations);
    }

    private static void OnExit(object? sender, EventArgs e) => AtomicFile.DeleteInFlight();

    private sealed class Registrations(List<PosixSignalRegistration> registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations) registration.Dispose();
            AppDomain.CurrentDomain.ProcessExit -= OnExit;
        }
    }
}
