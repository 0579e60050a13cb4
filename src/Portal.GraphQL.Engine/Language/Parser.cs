namespace Portal.GraphQL.Engine.Language;

/// <summary>Limits that keep hostile documents from exhausting the stack or the CPU.</summary>
public sealed record ParserOptions
{
    public int MaxDepth { get; init; } = 64;
    public int MaxTokens { get; init; } = 20_000;
    public static ParserOptions Default { get; } = new();
}

/// <summary>Recursive descent over the executable grammar (spec section 2); one method per rule.</summary>
public sealed class Parser
{
    private static readonly HashSet<string> TypeSystemKeywords =
        ["schema", "scalar", "type", "interface", "union", "enum", "input", "directive", "extend"];

    private readonly Lexer lexer;
    private readonly ParserOptions options;
    private Token token;
    private int tokens;
    private int depth;

    private Parser(string source, ParserOptions options)
    {
        lexer = new Lexer(new SourceText(source));
        this.options = options;
        Advance();
    }

    public static Document Parse(string source, ParserOptions? options = null)
    {
        var parser = new Parser(source, options ?? ParserOptions.Default);
        return parser.ParseDocument();
    }

    public static Value ParseValue(string source, ParserOptions? options = null)
    {
        var parser = new Parser(source, options ?? ParserOptions.Default);
        var value = parser.ParseValueLiteral(constant: false);
        parser.Expect(TokenKind.EndOfFile);
        return value;
    }

    public static TypeNode ParseType(string source)
    {
        var parser = new Parser(source, ParserOptions.Default);
        var type = parser.ParseTypeReference();
        parser.Expect(TokenKind.EndOfFile);
        return type;
    }

    private Document ParseDocument()
    {
        var definitions = new List<Definition>();
        do definitions.Add(ParseDefinition());
        while (token.Kind != TokenKind.EndOfFile);
        return new Document(definitions, lexer.Source);
    }

    private Definition ParseDefinition()
    {
        if (token.Kind == TokenKind.BraceL) return ParseOperationDefinition();
        var hasDescription = token.Kind is TokenKind.String or TokenKind.BlockString;
        var keywordToken = hasDescription ? PeekAfterDescription() : token;
        if (keywordToken.Kind == TokenKind.Name)
        {
            if (!hasDescription)
                switch (keywordToken.Value)
                {
                    case "query" or "mutation" or "subscription": return ParseOperationDefinition();
                    case "fragment": return ParseFragmentDefinition();
                }
            if (TypeSystemKeywords.Contains(keywordToken.Value!)) return SkipTypeSystemDefinition();
        }
        if (hasDescription) throw Unexpected(keywordToken);
        throw Unexpected(token);
    }

    private Token PeekAfterDescription()
    {
        return lexer.Clone().Next();
    }

    /// <summary>Type system definitions are not executable; keep their name and skip their body so validation can say so.</summary>
    private TypeSystemDefinition SkipTypeSystemDefinition()
    {
        var start = token.Start;
        if (token.Kind is TokenKind.String or TokenKind.BlockString) Advance();
        var keyword = ExpectName().Value!;
        if (keyword == "extend") keyword += " " + ExpectName().Value!;
        if (keyword.EndsWith("directive")) Expect(TokenKind.At);
        var name = keyword.EndsWith("schema") ? null : ParseName();
        var nesting = 0;
        while (token.Kind != TokenKind.EndOfFile)
        {
            if (token.Kind is TokenKind.BraceL or TokenKind.ParenL or TokenKind.BracketL) nesting++;
            else if (token.Kind is TokenKind.BraceR or TokenKind.ParenR or TokenKind.BracketR) nesting--;
            else if (nesting == 0 && token.Kind == TokenKind.Name && IsDefinitionStart(token.Value!)) break;
            else if (nesting == 0 && token.Kind is TokenKind.String or TokenKind.BlockString) break;
            if (nesting < 0) throw Unexpected(token);
            Advance();
        }
        return new TypeSystemDefinition(start, keyword, name);
    }

    private static bool IsDefinitionStart(string name) =>
        name is "query" or "mutation" or "subscription" or "fragment" || TypeSystemKeywords.Contains(name);

    private OperationDefinition ParseOperationDefinition()
    {
        var start = token.Start;
        if (token.Kind == TokenKind.BraceL)
            return new OperationDefinition(start, OperationType.Query, null, [], [], ParseSelectionSet());
        var operation = ExpectName().Value switch
        {
            "query" => OperationType.Query,
            "mutation" => OperationType.Mutation,
            _ => OperationType.Subscription,
        };
        var name = token.Kind == TokenKind.Name ? ParseName() : null;
        var variables = ParseVariableDefinitions();
        var directives = ParseDirectives(constant: false);
        return new OperationDefinition(start, operation, name, variables, directives, ParseSelectionSet());
    }

    private List<VariableDefinition> ParseVariableDefinitions()
    {
        var list = new List<VariableDefinition>();
        if (!Skip(TokenKind.ParenL)) return list;
        do
        {
            var start = token.Start;
            var variable = ParseVariable();
            Expect(TokenKind.Colon);
            var type = ParseTypeReference();
            var defaultValue = Skip(TokenKind.Equals) ? ParseValueLiteral(constant: true) : null;
            list.Add(new VariableDefinition(start, variable, type, defaultValue, ParseDirectives(constant: true)));
        }
        while (!Skip(TokenKind.ParenR));
        return list;
    }

    private Variable ParseVariable()
    {
        var start = token.Start;
        Expect(TokenKind.Dollar);
        return new Variable(start, ParseName());
    }

    private SelectionSet ParseSelectionSet()
    {
        var start = token.Start;
        Expect(TokenKind.BraceL);
        Enter();
        var selections = new List<Selection>();
        do selections.Add(ParseSelection());
        while (!Skip(TokenKind.BraceR));
        depth--;
        return new SelectionSet(start, selections);
    }

    private Selection ParseSelection() => token.Kind == TokenKind.Spread ? ParseFragment() : ParseField();

    private Field ParseField()
    {
        var start = token.Start;
        var nameOrAlias = ParseName();
        Name? alias = null;
        var name = nameOrAlias;
        if (Skip(TokenKind.Colon))
        {
            alias = nameOrAlias;
            name = ParseName();
        }
        var arguments = ParseArguments(constant: false);
        var directives = ParseDirectives(constant: false);
        var selectionSet = token.Kind == TokenKind.BraceL ? ParseSelectionSet() : null;
        return new Field(start, alias, name, arguments, directives, selectionSet);
    }

    private List<Argument> ParseArguments(bool constant)
    {
        var list = new List<Argument>();
        if (!Skip(TokenKind.ParenL)) return list;
        do
        {
            var start = token.Start;
            var name = ParseName();
            Expect(TokenKind.Colon);
            list.Add(new Argument(start, name, ParseValueLiteral(constant)));
        }
        while (!Skip(TokenKind.ParenR));
        return list;
    }

    private Selection ParseFragment()
    {
        var start = token.Start;
        Expect(TokenKind.Spread);
        var hasTypeCondition = token.Kind == TokenKind.Name && token.Value == "on";
        if (!hasTypeCondition && token.Kind == TokenKind.Name)
            return new FragmentSpread(start, ParseName(), ParseDirectives(constant: false));
        NamedTypeNode? typeCondition = null;
        if (hasTypeCondition)
        {
            Advance();
            typeCondition = ParseNamedType();
        }
        return new InlineFragment(start, typeCondition, ParseDirectives(constant: false), ParseSelectionSet());
    }

    private FragmentDefinition ParseFragmentDefinition()
    {
        var start = token.Start;
        Advance();
        if (token.Kind == TokenKind.Name && token.Value == "on") throw Unexpected(token);
        var name = ParseName();
        if (token.Kind != TokenKind.Name || token.Value != "on")
            throw Error(token.Start, $"Expected \"on\", found {token.Describe()}.");
        Advance();
        var typeCondition = ParseNamedType();
        return new FragmentDefinition(start, name, typeCondition, ParseDirectives(constant: false), ParseSelectionSet());
    }

    private Value ParseValueLiteral(bool constant)
    {
        var t = token;
        switch (t.Kind)
        {
            case TokenKind.BracketL:
                Advance();
                Enter();
                var items = new List<Value>();
                while (!Skip(TokenKind.BracketR)) items.Add(ParseValueLiteral(constant));
                depth--;
                return new ListValue(t.Start, items);
            case TokenKind.BraceL:
                Advance();
                Enter();
                var fields = new List<ObjectField>();
                while (!Skip(TokenKind.BraceR))
                {
                    var start = token.Start;
                    var name = ParseName();
                    Expect(TokenKind.Colon);
                    fields.Add(new ObjectField(start, name, ParseValueLiteral(constant)));
                }
                depth--;
                return new ObjectValue(t.Start, fields);
            case TokenKind.Int:
                Advance();
                return new IntValue(t.Start, t.Value!);
            case TokenKind.Float:
                Advance();
                return new FloatValue(t.Start, t.Value!);
            case TokenKind.String or TokenKind.BlockString:
                Advance();
                return new StringValue(t.Start, t.Value!, t.Kind == TokenKind.BlockString);
            case TokenKind.Name:
                Advance();
                return t.Value switch
                {
                    "true" => new BooleanValue(t.Start, true),
                    "false" => new BooleanValue(t.Start, false),
                    "null" => new NullValue(t.Start),
                    _ => new EnumValue(t.Start, t.Value!),
                };
            case TokenKind.Dollar when !constant:
                return ParseVariable();
            case TokenKind.Dollar:
                Advance();
                if (token.Kind == TokenKind.Name)
                    throw Error(t.Start, $"Unexpected variable \"${token.Value}\" in constant value.");
                throw Unexpected(t);
            default:
                throw Unexpected(t);
        }
    }

    private List<Directive> ParseDirectives(bool constant)
    {
        var list = new List<Directive>();
        while (token.Kind == TokenKind.At)
        {
            var start = token.Start;
            Advance();
            list.Add(new Directive(start, ParseName(), ParseArguments(constant)));
        }
        return list;
    }

    private TypeNode ParseTypeReference()
    {
        var start = token.Start;
        TypeNode type;
        if (Skip(TokenKind.BracketL))
        {
            Enter();
            var inner = ParseTypeReference();
            Expect(TokenKind.BracketR);
            depth--;
            type = new ListTypeNode(start, inner);
        }
        else type = ParseNamedType();
        return Skip(TokenKind.Bang) ? new NonNullTypeNode(start, type) : type;
    }

    private NamedTypeNode ParseNamedType()
    {
        var start = token.Start;
        return new NamedTypeNode(start, ParseName());
    }

    private Name ParseName()
    {
        var t = token;
        if (t.Kind != TokenKind.Name) throw Error(t.Start, $"Expected Name, found {t.Describe()}.");
        Advance();
        return new Name(t.Start, t.Value!);
    }

    private Token ExpectName()
    {
        var t = token;
        if (t.Kind != TokenKind.Name) throw Error(t.Start, $"Expected Name, found {t.Describe()}.");
        Advance();
        return t;
    }

    private void Enter()
    {
        if (++depth > options.MaxDepth)
            throw Error(token.Start, $"Document exceeds the maximum nesting depth of {options.MaxDepth}.");
    }

    private Token Expect(TokenKind kind)
    {
        var t = token;
        if (t.Kind != kind) throw Error(t.Start, $"Expected {Token.Punctuator(kind).Quoted(kind)}, found {t.Describe()}.");
        Advance();
        return t;
    }

    private bool Skip(TokenKind kind)
    {
        if (token.Kind != kind) return false;
        Advance();
        return true;
    }

    private void Advance()
    {
        token = lexer.Next();
        if (++tokens > options.MaxTokens)
            throw Error(token.Start, $"Document contains more than {options.MaxTokens} tokens.");
    }

    private GraphQLSyntaxException Unexpected(Token t) => Error(t.Start, $"Unexpected {t.Describe()}.");

    private GraphQLSyntaxException Error(int offset, string message) => new(message, lexer.Source.LocationOf(offset));
}

internal static class TokenKindText
{
    public static string Quoted(this string text, TokenKind kind) => kind == TokenKind.EndOfFile ? "<EOF>" : $"\"{text}\"";
}
