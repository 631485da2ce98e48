using WsLoad.Results;

namespace WsLoad.Checkpoints;

/// <summary>
/// What a live sink may do to the run it watches: the checkpoints' actions. A run in one process implements it itself;
/// a controller of workers passes each action on to its workers. Every method may be called from any thread, and
/// does nothing once the run is over.
/// </summary>
public interface IRunControl
{
    /// <summary>Stops the run now with status <c>aborted</c> and <paramref name="reason"/>; the results are still built and written.</summary>
    void Abort(string reason);

    /// <summary>Holds the ramp at its current level: nothing more opens until <see cref="ResumeRamp"/>.</summary>
    void PauseRamp();

    /// <summary>Lets a held ramp go on where it stopped.</summary>
    void ResumeRamp();

    /// <summary>
    /// Ends the ramp and closes the latest-opened connections: <paramref name="share"/> (0-1] of those open, or down to
    /// <paramref name="to"/> open. Returns how many it closed and how many were open; null when the processes that
    /// closed them record that themselves (a controller's workers).
    /// </summary>
    Task<(int Closed, int Open)?> RampDownAsync(double? share, int? to);

    /// <summary>Puts <paramref name="runEvent"/> on the run's timeline (its time is the caller's).</summary>
    void Record(RunEvent runEvent);
}
