using WsLoad.Scenarios;

namespace WsLoad.Analysis.Facts;

/// <summary>
/// The replies a second a scenario plans at full load: its total rate, or the rate per connection × the connections
/// (an open model's maximum). Null when the plan has no one steady rate to hold a run against: a closed loop (it sends
/// as fast as replies come), fire-and-forget (nothing comes back), bursts (the rate changes during the run), or no rate.
/// </summary>
public static class PlannedRate
{
    public static double? Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var messages = scenario.Messages;
        // A broadcast's replies a second depend on how many subscribe to each channel: judged by its reach instead.
        if (messages.InFlight is not null || messages.Expect is ExpectMode.None or ExpectMode.Broadcast or ExpectMode.Push || messages.Bursts.Count > 0)
        {
            return null;
        }

        var connections = scenario.Connections.Arrival?.Max ?? scenario.Connections.Count;
        var rate = messages.TotalRatePerSecond ?? messages.RatePerSecond * connections;
        return rate > 0 ? rate : null;
    }
}
