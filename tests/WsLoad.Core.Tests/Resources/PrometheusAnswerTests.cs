using System.Text;
using WsLoad.Resources;

namespace WsLoad.Tests.Resources;

/// <summary>How an instant query's answer (Prometheus HTTP API, /api/v1/query) becomes one figure.</summary>
public sealed class PrometheusAnswerTests
{
    [Fact]
    public void A_vector_adds_up_its_series_and_a_scalar_is_itself()
    {
        Assert.Equal(1.75, Value("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"instance":"a"},"value":[1,"1.5"]},{"metric":{"instance":"b"},"value":[1,"0.25"]}]}}"""));
        Assert.Equal(8, Value("""{"status":"success","data":{"resultType":"scalar","result":[1,"8"]}}"""));
    }

    [Fact]
    public void No_series_or_a_value_that_is_not_a_number_gives_no_figure()
    {
        Assert.Null(Value("""{"status":"success","data":{"resultType":"vector","result":[]}}"""));
        Assert.Null(Value("""{"status":"success","data":{"resultType":"scalar","result":[1,"NaN"]}}"""));
        Assert.Null(Value("""{"status":"success","data":{"resultType":"matrix","result":[]}}"""));
    }

    private static double? Value(string json) => PrometheusServerPoller.Value(Encoding.UTF8.GetBytes(json));
}
