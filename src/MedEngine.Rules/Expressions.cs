using System.Linq.Expressions;

namespace MedEngine.Rules;

/// <summary>
/// Builds the lambda expressions NRules compiles from delegates made when a rule file is compiled. Parameter names are
/// the pattern declarations they refer to, as NRules binds them by name.
/// </summary>
internal static class Expressions
{
    public static LambdaExpression Condition<T>(string name, Func<T, bool> test)
    {
        var p = Expression.Parameter(typeof(T), name);
        return Expression.Lambda(Expression.Invoke(Expression.Constant(test), p), p);
    }

    public static LambdaExpression Condition<T1, T2>(string first, string second, Func<T1, T2, bool> test)
    {
        var p1 = Expression.Parameter(typeof(T1), first);
        var p2 = Expression.Parameter(typeof(T2), second);
        return Expression.Lambda(Expression.Invoke(Expression.Constant(test), p1, p2), p1, p2);
    }

    public static LambdaExpression Condition<T1, T2, T3>(string first, string second, string third, Func<T1, T2, T3, bool> test)
    {
        var p1 = Expression.Parameter(typeof(T1), first);
        var p2 = Expression.Parameter(typeof(T2), second);
        var p3 = Expression.Parameter(typeof(T3), third);
        return Expression.Lambda(Expression.Invoke(Expression.Constant(test), p1, p2, p3), p1, p2, p3);
    }

    public static LambdaExpression Condition<T1, T2, T3, T4>(string first, string second, string third, string fourth, Func<T1, T2, T3, T4, bool> test)
    {
        var p1 = Expression.Parameter(typeof(T1), first);
        var p2 = Expression.Parameter(typeof(T2), second);
        var p3 = Expression.Parameter(typeof(T3), third);
        var p4 = Expression.Parameter(typeof(T4), fourth);
        return Expression.Lambda(Expression.Invoke(Expression.Constant(test), p1, p2, p3, p4), p1, p2, p3, p4);
    }

    /// <summary>An action taking the context and every declaration, passed on as an array in declaration order.</summary>
    public static LambdaExpression Action(IReadOnlyList<(string Name, Type Type)> declarations, Action<NRules.RuleModel.IContext, object[]> action)
    {
        var context = Expression.Parameter(typeof(NRules.RuleModel.IContext), "ctx");
        var parameters = declarations.Select(d => Expression.Parameter(d.Type, d.Name)).ToList();
        var facts = Expression.NewArrayInit(typeof(object), parameters.Select(p => Expression.Convert(p, typeof(object))));
        return Expression.Lambda(Expression.Invoke(Expression.Constant(action), context, facts), [context, .. parameters]);
    }
}
