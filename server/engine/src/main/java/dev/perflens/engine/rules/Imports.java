package dev.perflens.engine.rules;

import dev.perflens.engine.fix.FixRewrite;
import java.util.Collection;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.IBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.ImportDeclaration;
import org.eclipse.jdt.core.dom.SimpleName;

/** Import clean-up for fixes that replace every use of a type in a file. */
final class Imports {
    private Imports() {
    }

    /**
     * Removes the single-type import of {@code qualifiedName} when, once the fix has replaced
     * {@code replaced}, no other name in the file refers to that type.
     */
    static void removeIfUnused(FixRewrite fix, String qualifiedName, Collection<? extends ASTNode> replaced) {
        CompilationUnit unit = fix.compilationUnit();
        ImportDeclaration target = null;
        for (Object item : unit.imports()) {
            ImportDeclaration declaration = (ImportDeclaration) item;
            if (!declaration.isStatic() && !declaration.isOnDemand()
                    && declaration.getName().getFullyQualifiedName().equals(qualifiedName)) {
                target = declaration;
            }
        }
        if (target == null) {
            return;
        }
        ImportDeclaration importDeclaration = target;
        boolean[] used = new boolean[1];
        unit.accept(new ASTVisitor(true) {
            @Override
            public boolean visit(ImportDeclaration node) {
                return false;
            }

            @Override
            public boolean visit(SimpleName node) {
                if (used[0] || insideAny(node)) {
                    return false;
                }
                IBinding binding = node.resolveBinding();
                if (binding instanceof ITypeBinding type && Bindings.is(type, qualifiedName)) {
                    used[0] = true;
                } else if (binding == null && node.getIdentifier().equals(simpleName(qualifiedName))) {
                    used[0] = true; // unresolved: keep the import rather than guess
                }
                return false;
            }

            private boolean insideAny(ASTNode node) {
                for (ASTNode n = node; n != null; n = n.getParent()) {
                    if (replaced.contains(n)) {
                        return true;
                    }
                }
                return false;
            }
        });
        if (!used[0]) {
            fix.rewrite().remove(importDeclaration, null);
        }
    }

    private static String simpleName(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }
}
