using WsLoad.Cli;
using WsLoad.Results;

namespace WsLoad.Tests.Cli;

public class ExitCodesTests
{
    [Theory]
    [InlineData(RunStatus.Completed, 0)]
    [InlineData(RunStatus.ThresholdsFailed, 1)]
    [InlineData(RunStatus.Interrupted, 3)]
    [InlineData(RunStatus.Aborted, 3)]
    public void Each_run_status_has_its_exit_code(RunStatus status, int exitCode) =>
        Assert.Equal(exitCode, ExitCodes.FromStatus(status));

    [Fact]
    public void Every_run_status_is_mapped_to_a_documented_code()
    {
        foreach (var status in Enum.GetValues<RunStatus>())
        {
            Assert.InRange(ExitCodes.FromStatus(status), ExitCodes.Passed, ExitCodes.Interrupted);
        }
    }
}
