package dev.perflens.engine.context;

import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.DoStatement;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.FieldAccess;
import org.eclipse.jdt.core.dom.ForStatement;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.ParenthesizedExpression;
import org.eclipse.jdt.core.dom.QualifiedName;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.WhileStatement;

/**
 * Whether a loop runs over input-sized data, as far as the code shows: it iterates (or counts
 * to the size of) a parameter, the caller's data; it iterates a collection the same method fills
 * per item; or it reads a stream, a result set, an iterator or a queue until it ends. A loop over
 * a field or a local filled elsewhere (a table's columns, a filter chain, the overloads of a
 * method) shows nothing about its size: on real code those were mostly a handful of elements.
 * The loops around the loop count too: a loop inside a loop over rows runs per row.
 */
public final class InputSize {
    private static final Set<String> READING = Set.of("next", "hasNext", "readLine", "read", "poll", "take",
            "hasMoreTokens", "hasMoreElements", "nextToken", "nextElement", "find", "hasRemaining", "readObject",
            "nextLine", "nextInt", "ready", "available");
    private static final Set<String> GROWING = Set.of("add", "addAll", "addFirst", "addLast", "push", "offer", "put",
            "putAll", "putIfAbsent", "append");

    private InputSize() {
    }

    /** Why {@code loop} (or a loop around it) runs per item of input, or null when the code does not show it. */
    static String evidence(ASTNode loop, CompilationUnit unit) {
        for (ASTNode l = loop; l != null; l = LoopBounds.enclosingLoop(l)) {
            String why = overVarargs(l) != null ? null : ofLoop(l, unit);
            if (why != null) {
                return l == loop ? why : why + " (the " + LoopBounds.describe(l) + " at line "
                        + unit.getLineNumber(l.getStartPosition()) + " around it)";
            }
        }
        return null;
    }

    private static String ofLoop(ASTNode loop, CompilationUnit unit) {
        if (loop instanceof EnhancedForStatement each) {
            return ofData(each.getExpression(), loop);
        }
        if (loop instanceof LambdaExpression lambda && lambda.getParent() instanceof MethodInvocation call) {
            return call.getExpression() == null ? null : ofData(call.getExpression(), loop);
        }
        Expression condition = loop instanceof ForStatement f ? f.getExpression()
                : loop instanceof WhileStatement w ? w.getExpression()
                : loop instanceof DoStatement d ? d.getExpression() : null;
        String chain = walksAChain(loop, condition);
        if (chain != null) {
            return chain;
        }
        String body = readsInItsBody(loop);
        if (body != null) {
            return body;
        }
        if (condition == null) {
            return null;
        }
        String[] why = {null};
        condition.accept(new ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation call) {
                if (why[0] == null && READING.contains(call.getName().getIdentifier()) && call.getExpression() != null
                        && !describesSchema(call.getExpression())) {
                    why[0] = reading(call.getExpression(), "which reads '" + call.getExpression() + "' until it ends", loop);
                }
                if (why[0] == null && call.getExpression() != null
                        && Set.of("size", "length", "isEmpty").contains(call.getName().getIdentifier())) {
                    why[0] = ofData(call.getExpression(), loop);
                }
                return why[0] == null;
            }

            @Override
            public boolean visit(QualifiedName name) {
                if (why[0] == null && name.getName().getIdentifier().equals("length")) {
                    why[0] = ofData(name.getQualifier(), loop);
                }
                return false;
            }

            @Override
            public boolean visit(SimpleName name) {
                if (why[0] == null && name.resolveBinding() instanceof IVariableBinding v && isCounting(v)) {
                    if (v.isParameter()) {
                        why[0] = "bounded by the parameter '" + name + "'";
                    } else if (!v.isField() && unit.findDeclaringNode(v) instanceof VariableDeclarationFragment f
                            && f.getInitializer() != null) {
                        String from = parameterRead(f.getInitializer());
                        if (from != null) {
                            why[0] = "bounded by '" + name + "', computed from the parameter '" + from + "'";
                        }
                    }
                }
                return false;
            }
        });
        return why[0];
    }

    /**
     * {@code while (t != null) { ...; t = t.getParent(); }}: the loop follows a linked structure
     * (a parent chain, a list of segments) whose length is the data's.
     */
    private static String walksAChain(ASTNode loop, Expression condition) {
        if (condition == null || !(loop instanceof WhileStatement || loop instanceof DoStatement)) {
            return null;
        }
        ASTNode body = loop instanceof WhileStatement w ? w.getBody() : ((DoStatement) loop).getBody();
        String[] why = {null};
        condition.accept(new ASTVisitor() {
            @Override
            public boolean visit(SimpleName name) {
                if (why[0] == null && name.resolveBinding() instanceof IVariableBinding v && !v.isField()
                        && !v.getType().isPrimitive() && !v.getType().getQualifiedName().startsWith("java.lang.")) {
                    body.accept(new ASTVisitor() {
                        @Override
                        public boolean visit(org.eclipse.jdt.core.dom.Assignment assignment) {
                            if (why[0] == null && unwrap(assignment.getLeftHandSide()) instanceof SimpleName target
                                    && v.isEqualTo(target.resolveBinding()) && readsVariable(assignment.getRightHandSide(), v)) {
                                why[0] = "which walks the chain '" + name + "' (" + assignment + ")";
                            }
                            return why[0] == null;
                        }
                    });
                }
                return false;
            }
        });
        return why[0];
    }

    private static boolean readsVariable(Expression e, IVariableBinding variable) {
        boolean[] found = {false};
        e.accept(new ASTVisitor() {
            @Override
            public boolean visit(SimpleName name) {
                found[0] |= variable.isEqualTo(name.resolveBinding());
                return true;
            }
        });
        // t.parent, t.getParent(), t.next(): one step along the structure t is part of
        Expression step = unwrap(e);
        Expression from = step instanceof FieldAccess access ? access.getExpression()
                : step instanceof QualifiedName qualified ? qualified.getQualifier()
                : step instanceof MethodInvocation call && call.arguments().isEmpty() ? call.getExpression() : null;
        return found[0] && from != null && unwrap(from) instanceof SimpleName owner && variable.isEqualTo(owner.resolveBinding());
    }

    /** {@code while (true) { line = in.readLine(); ... }}: a loop that reads its input in its own body. */
    private static String readsInItsBody(ASTNode loop) {
        ASTNode body = loop instanceof WhileStatement w ? w.getBody() : loop instanceof DoStatement d ? d.getBody()
                : loop instanceof ForStatement f ? f.getBody() : null;
        if (body == null) {
            return null;
        }
        String[] why = {null};
        body.accept(new ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation call) {
                if (why[0] == null && Set.of("readLine", "read", "next", "nextLine", "nextToken", "readObject", "take")
                        .contains(call.getName().getIdentifier()) && call.getExpression() != null
                        && LoopBounds.enclosingLoop(call) == loop && !describesSchema(call.getExpression())) {
                    why[0] = reading(call.getExpression(), "which reads '" + call.getExpression() + "' in its body", loop);
                }
                return why[0] == null;
            }
        });
        return why[0];
    }

    private static final Set<String> CURSORS = Set.of("java.util.Iterator", "java.util.ListIterator",
            "java.util.Enumeration", "java.util.Spliterator", "java.util.StringTokenizer");
    private static final Set<String> CURSOR_FACTORIES = Set.of("iterator", "listIterator", "elements", "keys",
            "spliterator", "descendingIterator");

    /**
     * Reading a stream, reader, scanner, result set or queue shows input-sized data; an iterator,
     * an enumeration or a tokenizer is only as big as what it walks, so it shows that when what
     * it walks does ({@code it = items.iterator()} over a parameter, a tokenizer over a parameter).
     */
    private static String reading(Expression reader, String why, ASTNode loop) {
        org.eclipse.jdt.core.dom.ITypeBinding type = reader.resolveTypeBinding();
        if (type == null || !isCursor(type) || isSubtype(type, "javax.naming.NamingEnumeration")
                || isSubtype(type, "java.util.Scanner")) { // a Scanner is an Iterator over its input
            return why;
        }
        if (!(unwrap(reader) instanceof SimpleName name) || !(name.resolveBinding() instanceof IVariableBinding v)) {
            return null;
        }
        if (v.isParameter()) {
            return "which reads '" + name + "', from the parameter '" + name + "'";
        }
        if (v.isField() || !(name.getRoot() instanceof CompilationUnit unit)
                || !(unit.findDeclaringNode(v.getVariableDeclaration()) instanceof VariableDeclarationFragment f)) {
            return null;
        }
        java.util.List<Expression> sources = valuesOf(v, f);
        for (Expression source : sources) {
            Expression e = unwrap(source);
            Expression walked = null;
            if (e instanceof MethodInvocation call && CURSOR_FACTORIES.contains(call.getName().getIdentifier())
                    && call.getExpression() != null) {
                walked = call.getExpression();
            } else if (e instanceof org.eclipse.jdt.core.dom.ClassInstanceCreation creation && !creation.arguments().isEmpty()) {
                walked = (Expression) creation.arguments().get(0); // new StringTokenizer(text, ...)
            }
            String data = walked == null ? null : ofData(walked, loop);
            if (data != null) {
                return "which reads '" + name + "' " + data;
            }
        }
        return null;
    }

    private static boolean isCursor(org.eclipse.jdt.core.dom.ITypeBinding type) {
        for (String cursor : CURSORS) {
            if (isSubtype(type, cursor)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSubtype(org.eclipse.jdt.core.dom.ITypeBinding type, String qualifiedName) {
        if (type == null) {
            return false;
        }
        if (type.getErasure().getQualifiedName().equals(qualifiedName)) {
            return true;
        }
        for (org.eclipse.jdt.core.dom.ITypeBinding i : type.getInterfaces()) {
            if (isSubtype(i, qualifiedName)) {
                return true;
            }
        }
        return isSubtype(type.getSuperclass(), qualifiedName);
    }

    /**
     * The varargs parameter a for-each loop (or a per-element lambda) iterates, or null: callers
     * mostly write its elements out one by one, so it says nothing about the size of the data.
     */
    static String overVarargs(ASTNode loop) {
        Expression data = loop instanceof EnhancedForStatement each ? each.getExpression()
                : loop instanceof LambdaExpression lambda && lambda.getParent() instanceof MethodInvocation call
                        ? call.getExpression() : null;
        // names.stream().anyMatch(...): the stream's source
        while (unwrap(data) instanceof MethodInvocation step && step.arguments().isEmpty() && step.getExpression() != null) {
            data = step.getExpression();
        }
        if (!(unwrap(data) instanceof SimpleName name) || !(name.resolveBinding() instanceof IVariableBinding v)
                || !v.isParameter() || !(name.getRoot() instanceof CompilationUnit unit)) {
            return null;
        }
        return unit.findDeclaringNode(v.getVariableDeclaration()) instanceof org.eclipse.jdt.core.dom.SingleVariableDeclaration d
                && d.isVarargs() ? name.getIdentifier() : null;
    }

    /**
     * A result set that every assignment takes from {@code java.sql.DatabaseMetaData} (the tables,
     * columns or keys of a schema): it lists the schema, not the data.
     */
    private static boolean describesSchema(Expression reader) {
        if (!(unwrap(reader) instanceof SimpleName name) || !(name.resolveBinding() instanceof IVariableBinding v)
                || v.isField() || v.isParameter() || !(name.getRoot() instanceof CompilationUnit unit)) {
            return false;
        }
        java.util.List<Expression> values = unit.findDeclaringNode(v.getVariableDeclaration()) instanceof VariableDeclarationFragment f
                ? valuesOf(v, f) : java.util.List.of();
        boolean any = false;
        for (Expression value : values) {
            Expression e = unwrap(value);
            if (e instanceof org.eclipse.jdt.core.dom.NullLiteral) {
                continue;
            }
            if (!(e instanceof MethodInvocation call) || call.getExpression() == null
                    || !isSchemaMetadata(call.getExpression().resolveTypeBinding())) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /**
     * What a local holds over its method: its initialiser and the right-hand side of every plain
     * assignment to it (null literals included, for the caller to skip).
     */
    private static java.util.List<Expression> valuesOf(IVariableBinding local, VariableDeclarationFragment declaration) {
        java.util.List<Expression> values = new java.util.ArrayList<>();
        if (declaration.getInitializer() != null) {
            values.add(declaration.getInitializer());
        }
        ASTNode scope = enclosingBody(declaration);
        if (scope == null) {
            return values;
        }
        IVariableBinding wanted = local.getVariableDeclaration();
        scope.accept(new ASTVisitor() {
            @Override
            public boolean visit(org.eclipse.jdt.core.dom.Assignment assignment) {
                if (unwrap(assignment.getLeftHandSide()) instanceof SimpleName target
                        && target.resolveBinding() instanceof IVariableBinding t && t.getVariableDeclaration().isEqualTo(wanted)) {
                    values.add(assignment.getRightHandSide());
                }
                return true;
            }
        });
        return values;
    }

    private static boolean isSchemaMetadata(org.eclipse.jdt.core.dom.ITypeBinding type) {
        if (type == null) {
            return false;
        }
        if (type.getErasure().getQualifiedName().equals("java.sql.DatabaseMetaData")) {
            return true;
        }
        for (org.eclipse.jdt.core.dom.ITypeBinding i : type.getInterfaces()) {
            if (isSchemaMetadata(i)) {
                return true;
            }
        }
        return isSchemaMetadata(type.getSuperclass());
    }

    /** {@code new ArrayList<>(items)} or {@code items} itself: the parameter copied, or null. */
    public static String copiedParameter(Expression e) {
        Expression value = unwrap(e);
        if (value instanceof org.eclipse.jdt.core.dom.ClassInstanceCreation creation && creation.arguments().size() == 1) {
            value = unwrap((Expression) creation.arguments().get(0));
        }
        return value instanceof SimpleName name && name.resolveBinding() instanceof IVariableBinding v && v.isParameter()
                ? name.getIdentifier() : null;
    }

    /** A parameter that {@code e} reads, or null. */
    private static String parameterRead(Expression e) {
        String[] found = {null};
        e.accept(new ASTVisitor() {
            @Override
            public boolean visit(SimpleName name) {
                if (found[0] == null && name.resolveBinding() instanceof IVariableBinding v && v.isParameter()) {
                    found[0] = name.getIdentifier();
                }
                return false;
            }
        });
        return found[0];
    }

    private static boolean isCounting(IVariableBinding variable) {
        String type = variable.getType().getName();
        return type.equals("int") || type.equals("long") || type.equals("short");
    }

    /** A loop over {@code data} is input-sized when data is (or is read from) a parameter, or grows per item here. */
    private static String ofData(Expression data, ASTNode loop) {
        Expression root = data;
        while (true) {
            root = unwrap(root);
            if (root instanceof MethodInvocation call && call.getExpression() != null) {
                root = call.getExpression();
            } else if (root instanceof FieldAccess access) {
                root = access.getExpression();
            } else if (root instanceof QualifiedName qualified && !(qualified.resolveBinding() instanceof IVariableBinding v
                    && v.isField() && qualified.getQualifier().resolveBinding() instanceof org.eclipse.jdt.core.dom.ITypeBinding)) {
                root = qualified.getQualifier();
            } else {
                break;
            }
        }
        if (!(root instanceof SimpleName name) || !(name.resolveBinding() instanceof IVariableBinding variable)) {
            return null;
        }
        if (variable.isParameter()) {
            return "over '" + data + "', from the parameter '" + name + "'";
        }
        if (!variable.isField() && name.getRoot() instanceof CompilationUnit unit
                && unit.findDeclaringNode(variable) instanceof VariableDeclarationFragment f && f.getInitializer() != null) {
            String from = copiedParameter(f.getInitializer());
            if (from != null) {
                return "over '" + data + "', a copy of the parameter '" + from + "'";
            }
        }
        if (grownPerItem(variable, loop)) {
            return "over '" + data + "', which this method fills per item";
        }
        return null;
    }

    /** A loop that adds per item of data: not one over a varargs parameter or a small constant range. */
    private static boolean fillsPerItem(ASTNode loop) {
        if (loop == null || overVarargs(loop) != null) {
            return false;
        }
        org.eclipse.jdt.core.dom.ASTNode root = loop.getRoot();
        dev.perflens.engine.rule.SizeBound bound = LoopBounds.bound(loop, root instanceof CompilationUnit unit ? unit : null);
        return bound == null || !bound.isSmall();
    }

    /** The method, initializer or field declaration {@code node} is part of, or null. */
    static org.eclipse.jdt.core.dom.BodyDeclaration enclosingBody(ASTNode node) {
        ASTNode n = node;
        while (n != null && !(n instanceof org.eclipse.jdt.core.dom.BodyDeclaration)) {
            n = n.getParent();
        }
        return (org.eclipse.jdt.core.dom.BodyDeclaration) n;
    }

    /** An add to the variable inside a loop of the method that holds {@code loop}. */
    private static boolean grownPerItem(IVariableBinding variable, ASTNode loop) {
        ASTNode scope = enclosingBody(loop);
        if (scope == null) {
            return false;
        }
        IVariableBinding wanted = variable.getVariableDeclaration();
        boolean[] found = {false};
        scope.accept(new ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation call) {
                if (!found[0] && GROWING.contains(call.getName().getIdentifier())
                        && unwrap(call.getExpression()) instanceof SimpleName target
                        && target.resolveBinding() instanceof IVariableBinding v
                        && v.getVariableDeclaration().isEqualTo(wanted) && fillsPerItem(LoopBounds.enclosingLoop(call))) {
                    found[0] = true;
                }
                return !found[0];
            }
        });
        return found[0];
    }

    private static Expression unwrap(Expression e) {
        while (e instanceof ParenthesizedExpression p) {
            e = p.getExpression();
        }
        return e;
    }
}
