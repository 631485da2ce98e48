namespace WsLoad.Engine;

/// <summary>
/// A live sink: receives a snapshot once a second during a run. Called from one timer thread, never
/// concurrently; implementations must return quickly (the engine does not wait for slow sinks).
/// </summary>
public interface IRunObserver
{
    void OnInterval(LiveSnapshot snapshot);
}
