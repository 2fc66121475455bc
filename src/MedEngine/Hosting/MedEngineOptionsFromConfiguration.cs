using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MedEngine;

/// <summary>Binds <see cref="MedEngineOptions"/> from the host's configuration section <c>MedEngine</c>, refusing unknown keys; nothing without a configuration.</summary>
internal sealed class MedEngineOptionsFromConfiguration(IConfiguration? configuration = null) : IConfigureOptions<MedEngineOptions>
{
    public void Configure(MedEngineOptions options) =>
        configuration?.GetSection(MedEngineOptions.SectionName).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
}
