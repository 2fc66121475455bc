using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MedEngine;

/// <summary>
/// With <see cref="MedEngineOptions.ReloadRules"/>, looks at the rules folder every <see cref="MedEngineOptions.ReloadInterval"/>
/// on the host's clock and reloads it when it changed; a set with errors is refused and logged, and the last good set stays.
/// </summary>
internal sealed class RuleReloadService(EngineHost engine, IOptions<MedEngineOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ReloadRules)
        {
            return;
        }

        _ = engine.Runtime;
        var reload = engine.Reload!;
        MedEngineLog.RulesWatched(engine.Logger, reload.Directory, options.Value.ReloadInterval);
        using var timer = new PeriodicTimer(options.Value.ReloadInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!reload.ReloadIfChanged())
                {
                    continue;
                }

                if (reload.LastErrors is [var first, ..])
                {
                    MedEngineLog.RulesReloadRefused(engine.Logger, reload.Directory, reload.LastErrors.Count, reload.Host.Current.Rules.Count, first.ToString());
                }
                else
                {
                    MedEngineLog.RulesReloaded(engine.Logger, reload.Directory, reload.Host.Current.Rules.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host is stopping
        }
    }
}
