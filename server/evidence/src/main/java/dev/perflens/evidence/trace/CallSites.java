package dev.perflens.evidence.trace;

import dev.perflens.engine.text.LineMap;
import dev.perflens.engine.text.TextRange;
import dev.perflens.evidence.source.Declaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jdt.core.JavaCore;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTParser;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.DoStatement;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.ForStatement;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodDeclaration;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.WhileStatement;

/**
 * Where in a method the repeated queries of a trace come from: the call inside one of its loops
 * that runs a query itself or reaches one through methods of the same file, a few levels deep
 * ({@code for (id : ids) names.add(itemName(id));} with the query in {@code itemName}). Read from
 * the source text alone: calls are matched by name and argument count within the file.
 */
final class CallSites {
    /** JDBC, JPA and Spring Data calls that send a statement. */
    private static final Set<String> QUERIES = Set.of("executeQuery", "executeUpdate", "execute", "executeLargeUpdate",
            "getResultList", "getSingleResult", "getResultStream", "find", "getReference");
    private static final int DEPTH = 3;

    private CallSites() {
    }

    /** The range of the call in a loop of {@code declaration} that leads to a query, if the code shows one. */
    static Optional<TextRange> queryCallInLoop(String text, Declaration declaration) {
        ASTParser parser = ASTParser.newParser(AST.getJLSLatest());
        parser.setKind(ASTParser.K_COMPILATION_UNIT);
        parser.setSource(text.toCharArray());
        Map<String, String> options = JavaCore.getOptions();
        JavaCore.setComplianceOptions(JavaCore.latestSupportedJavaVersion(), options);
        parser.setCompilerOptions(options);
        CompilationUnit unit = (CompilationUnit) parser.createAST(null);
        List<MethodDeclaration> methods = new ArrayList<>();
        unit.accept(new ASTVisitor() {
            @Override
            public boolean visit(MethodDeclaration method) {
                methods.add(method);
                return true;
            }
        });
        MethodDeclaration target = methods.stream()
                .filter(m -> m.getStartPosition() <= declaration.nameRange().offset()
                        && declaration.nameRange().offset() < m.getStartPosition() + m.getLength()
                        && m.getName().getIdentifier().equals(declaration.methodName()))
                .findFirst().orElse(null);
        if (target == null || target.getBody() == null) {
            return Optional.empty();
        }
        MethodInvocation[] found = {null};
        target.getBody().accept(new ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation call) {
                if (found[0] == null && inLoop(call, target) && leadsToQuery(call, methods, DEPTH)) {
                    found[0] = call;
                }
                return found[0] == null;
            }
        });
        if (found[0] == null) {
            return Optional.empty();
        }
        return Optional.of(new LineMap(text).range(found[0].getStartPosition(), found[0].getLength()));
    }

    private static boolean inLoop(ASTNode node, MethodDeclaration method) {
        for (ASTNode n = node.getParent(); n != null && n != method; n = n.getParent()) {
            if (n instanceof ForStatement || n instanceof EnhancedForStatement || n instanceof WhileStatement
                    || n instanceof DoStatement || n instanceof LambdaExpression) {
                return true;
            }
        }
        return false;
    }

    private static boolean leadsToQuery(MethodInvocation call, List<MethodDeclaration> methods, int depth) {
        if (QUERIES.contains(call.getName().getIdentifier())) {
            return true;
        }
        if (depth == 0) {
            return false;
        }
        for (MethodDeclaration callee : methods) {
            if (callee.getName().getIdentifier().equals(call.getName().getIdentifier())
                    && callee.parameters().size() == call.arguments().size() && callee.getBody() != null) {
                boolean[] reaches = {false};
                callee.getBody().accept(new ASTVisitor() {
                    @Override
                    public boolean visit(MethodInvocation inner) {
                        reaches[0] |= leadsToQuery(inner, methods, depth - 1);
                        return !reaches[0];
                    }
                });
                if (reaches[0]) {
                    return true;
                }
            }
        }
        return false;
    }
}
