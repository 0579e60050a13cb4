// What fits at a place in a GraphQL document: the text before the caret is read token by token with a stack of the
// selection sets, argument lists and input objects it is inside, each knowing its type from the introspected schema.
// Forgiving by design: the text is usually half-written, so anything unexpected is skipped rather than refused.

const Punctuators = new Set(["{", "}", "(", ")", "[", "]", ":", "=", "!", "$", "@", "|", "&"]);
const MaxFrames = 64;

/** The tokens of the source, and whether it ends inside a string or a comment (no suggestions there). */
export function tokenize(source) {
  const tokens = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "," || c === "\uFEFF") { i++; continue; }
    if (c === "#") {
      const end = source.indexOf("\n", i);
      if (end < 0) return { tokens, inLiteral: true };
      i = end + 1;
      continue;
    }
    if (c === '"') {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        if (end < 0) return { tokens, inLiteral: true };
        i = end + 3;
      } else {
        let j = i + 1;
        while (j < n && source[j] !== '"' && source[j] !== "\n") j += source[j] === "\\" ? 2 : 1;
        if (j >= n || source[j] === "\n") return { tokens, inLiteral: true };
        i = j + 1;
      }
      tokens.push({ kind: "value" });
      continue;
    }
    if (source.startsWith("...", i)) { tokens.push({ kind: "..." }); i += 3; continue; }
    if (Punctuators.has(c)) { tokens.push({ kind: c }); i++; continue; }
    const name = /^[_A-Za-z][_0-9A-Za-z]*/.exec(source.slice(i, i + 256));
    if (name) { tokens.push({ kind: "name", value: name[0] }); i += name[0].length; continue; }
    const number = /^-?[0-9][0-9.eE+-]*/.exec(source.slice(i, i + 64));
    if (number) { tokens.push({ kind: "value" }); i += number[0].length; continue; }
    i++; // a character GraphQL does not know: skipped
  }
  return { tokens, inLiteral: false };
}

/** The name of the named type under a type reference's NON_NULL and LIST wrappers. */
export function namedType(ref) {
  let t = ref;
  for (let depth = 0; t && !t.name && depth < 16; depth++) t = t.ofType;
  return t?.name ?? null;
}

/** A type reference as GraphQL writes it: [Story!]! */
export function typeText(ref) {
  if (!ref) return "";
  if (ref.kind === "NON_NULL") return typeText(ref.ofType) + "!";
  if (ref.kind === "LIST") return "[" + typeText(ref.ofType) + "]";
  return ref.name ?? "";
}

function fieldOf(schema, typeName, fieldName) {
  return schema.types.get(typeName)?.fields?.find(f => f.name === fieldName) ?? null;
}

function rootType(schema, operation) {
  return operation === "mutation" ? schema.mutation : schema.query;
}

/**
 * Where the end of the text before the caret stands: one of
 * { kind: "document" } | { kind: "selection", type } | { kind: "typeCondition" } | { kind: "variableType" } |
 * { kind: "arguments", args, used } | { kind: "inputFields", type, used } | { kind: "value", type } | { kind: "none" }.
 */
export function completionContext(schema, before) {
  const { tokens, inLiteral } = tokenize(before);
  if (inLiteral) return { kind: "none" };
  const doc = { kind: "doc", operation: "query", pendingType: null, afterOn: false, afterKeyword: false };
  const stack = [doc];
  let last = null;
  const top = () => stack[stack.length - 1];
  const push = frame => { if (stack.length < MaxFrames) stack.push(frame); };
  // A frame holding key: value pairs (arguments, an input object) moves on to its next key once a value is complete.
  const valueDone = frame => { if (frame.kind === "args" || frame.kind === "object") { frame.state = "key"; frame.key = null; } };
  const argType = frame => frame.kind === "args"
    ? frame.args.find(a => a.name === frame.key)?.type
    : schema.types.get(frame.type)?.inputFields?.find(f => f.name === frame.key)?.type;

  for (const token of tokens) {
    const frame = top();
    const k = token.kind;
    switch (frame.kind) {
      case "doc":
        if (k === "name") {
          if (frame.afterOn) { frame.pendingType = token.value; frame.afterOn = false; }
          else if (token.value === "on") frame.afterOn = true;
          else if (token.value === "query" || token.value === "mutation" || token.value === "subscription") {
            frame.operation = token.value; frame.pendingType = null; frame.afterKeyword = true;
          } else if (token.value === "fragment") { frame.pendingType = null; frame.afterKeyword = true; }
          else frame.afterKeyword = false;
        } else if (k === "(") {
          push({ kind: "vars", state: "var" });
        } else if (k === "{") {
          push({ kind: "selection", type: frame.pendingType ?? rootType(schema, frame.operation), pendingField: null, pendingType: null, afterOn: false, spread: false, directive: false });
          frame.pendingType = null; frame.operation = "query"; frame.afterKeyword = false;
        }
        break;
      case "vars":
        if (k === ")") stack.pop();
        else if (k === "$") frame.state = "var";
        else if (k === ":") frame.state = "type";
        else if (k === "=") frame.state = "default";
        else if (k === "{" || k === "[") { if (frame.state === "default") push({ kind: "skip", close: k === "{" ? "}" : "]" }); }
        break;
      case "skip":
        if (k === "{" || k === "[") push({ kind: "skip", close: k === "{" ? "}" : "]" });
        else if (k === frame.close) stack.pop();
        break;
      case "selection":
        if (k === "name") {
          if (frame.afterOn) { frame.pendingType = token.value; frame.afterOn = false; frame.pendingField = null; }
          else if (frame.spread) { frame.spread = false; if (token.value === "on") frame.afterOn = true; }
          else if (frame.directive) frame.directive = false;
          else { frame.pendingField = token.value; frame.pendingType = null; }
        } else if (k === "...") { frame.spread = true; frame.pendingField = null; frame.pendingType = null; }
        else if (k === "@") frame.directive = true;
        else if (k === "(") {
          // A directive's arguments (last token a name after @) have no field: any key is left unsuggested.
          const field = last?.kind === "name" && frame.pendingField === last.value ? fieldOf(schema, frame.type, frame.pendingField) : null;
          push({ kind: "args", args: field?.args ?? [], used: [], state: "key", key: null });
        } else if (k === "{") {
          const type = frame.pendingType ?? namedType(fieldOf(schema, frame.type, frame.pendingField)?.type);
          push({ kind: "selection", type, pendingField: null, pendingType: null, afterOn: false, spread: false, directive: false });
          frame.pendingField = null; frame.pendingType = null; frame.spread = false;
        } else if (k === "}") {
          stack.pop();
          if (top().kind === "doc") top().pendingType = null;
        }
        break;
      case "args":
      case "object":
        if ((k === ")" && frame.kind === "args") || (k === "}" && frame.kind === "object")) {
          stack.pop();
          valueDone(top());
        } else if (frame.state === "key") {
          if (k === "name") { frame.key = token.value; frame.used.push(token.value); frame.state = "colon"; }
        } else if (frame.state === "colon") {
          if (k === ":") frame.state = "value";
        } else if (k === "$") {
          frame.state = "variable";
        } else if (k === "{") {
          push({ kind: "object", type: namedType(argType(frame)), used: [], state: "key", key: null });
        } else if (k === "[") {
          push({ kind: "list", type: namedType(argType(frame)) });
        } else if (k === "name" || k === "value") {
          valueDone(frame);
        }
        break;
      case "list":
        if (k === "]") { stack.pop(); valueDone(top()); }
        else if (k === "{") push({ kind: "object", type: frame.type, used: [], state: "key", key: null });
        else if (k === "[") push({ kind: "list", type: frame.type });
        break;
    }
    last = token;
  }

  const frame = top();
  switch (frame.kind) {
    case "doc":
      if (frame.afterOn) return { kind: "typeCondition" };
      return frame.afterKeyword || stack.length > 1 ? { kind: "none" } : { kind: "document" };
    case "vars":
      return frame.state === "type" ? { kind: "variableType" } : { kind: "none" };
    case "selection":
      if (frame.afterOn) return { kind: "typeCondition" };
      if (frame.spread || frame.directive || !frame.type) return { kind: "none" };
      return { kind: "selection", type: frame.type };
    case "args":
      if (frame.state === "key") return { kind: "arguments", args: frame.args, used: frame.used };
      return frame.state === "value" ? { kind: "value", type: namedType(argType(frame)) } : { kind: "none" };
    case "object":
      if (frame.state === "key") return { kind: "inputFields", type: frame.type, used: frame.used };
      return frame.state === "value" ? { kind: "value", type: namedType(argType(frame)) } : { kind: "none" };
    case "list":
      return { kind: "value", type: frame.type };
    default:
      return { kind: "none" };
  }
}

/** The names that fit the context, each with a short detail (its type) to show beside it. */
export function suggestionsFor(schema, context) {
  const types = [...schema.types.values()].filter(t => !t.name.startsWith("__"));
  switch (context.kind) {
    case "document":
      return ["query", ...(schema.mutation ? ["mutation"] : []), "fragment"].map(name => ({ name, detail: "" }));
    case "selection": {
      const type = schema.types.get(context.type);
      const fields = (type?.fields ?? []).map(f => ({ name: f.name, detail: typeText(f.type) }));
      const meta = [{ name: "__typename", detail: "String!" }];
      if (context.type === schema.query) meta.push({ name: "__schema", detail: "__Schema!" }, { name: "__type", detail: "__Type" });
      return [...fields, ...meta];
    }
    case "typeCondition":
      return types.filter(t => t.kind === "OBJECT" || t.kind === "INTERFACE" || t.kind === "UNION").map(t => ({ name: t.name, detail: t.kind.toLowerCase() }));
    case "variableType":
      return types.filter(t => t.kind === "SCALAR" || t.kind === "ENUM" || t.kind === "INPUT_OBJECT").map(t => ({ name: t.name, detail: t.kind.toLowerCase() }));
    case "arguments":
      return context.args.filter(a => !context.used.includes(a.name)).map(a => ({ name: a.name, detail: typeText(a.type) }));
    case "inputFields":
      return (schema.types.get(context.type)?.inputFields ?? []).filter(f => !context.used.includes(f.name)).map(f => ({ name: f.name, detail: typeText(f.type) }));
    case "value": {
      const type = schema.types.get(context.type);
      if (type?.kind === "ENUM") return (type.enumValues ?? []).map(v => ({ name: v.name, detail: type.name }));
      if (context.type === "Boolean") return [{ name: "true", detail: "Boolean" }, { name: "false", detail: "Boolean" }];
      return [];
    }
    default:
      return [];
  }
}
