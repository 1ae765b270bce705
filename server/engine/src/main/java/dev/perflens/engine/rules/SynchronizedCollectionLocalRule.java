package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.rule.NodeHandlers;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.CatchClause;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.ParameterizedType;
import org.eclipse.jdt.core.dom.Type;
import org.eclipse.jdt.core.dom.UnionType;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;

/**
 * A Vector, Hashtable or Collections.synchronized* wrapper that never leaves its method is
 * used by one thread only: the lock each call takes protects nothing. ArrayList/HashMap (or
 * the wrapped collection itself) do the same work without it.
 */
@PerfRule(
        id = "synchronized-collection-local",
        summary = "A Vector, Hashtable or Collections.synchronized* local that never leaves its method: every call takes a lock for nothing",
        severity = Severity.INFO,
        category = Category.COLLECTIONS,
        perCall = true,
        complexityBefore = "one lock acquisition per call",
        complexityAfter = "no locking",
        hasFix = true)
public final class SynchronizedCollectionLocalRule implements Rule {
    private static final String VECTOR = "java.util.Vector";
    private static final String HASHTABLE = "java.util.Hashtable";
    private static final Set<String> WRAPPERS = Set.of("synchronizedList", "synchronizedMap", "synchronizedSet",
            "synchronizedCollection", "synchronizedSortedMap", "synchronizedSortedSet", "synchronizedNavigableMap",
            "synchronizedNavigableSet");
    /** Declared types that an ArrayList (HashMap) can stand in for without changing the declaration. */
    private static final Set<String> LIST_SUPERTYPES = Set.of("java.util.List", "java.util.Collection",
            "java.lang.Iterable", "java.util.AbstractList", "java.util.AbstractCollection", "java.util.RandomAccess",
            "java.util.SequencedCollection");
    private static final Set<String> MAP_SUPERTYPES = Set.of("java.util.Map", "java.util.AbstractMap");
    /** Map calls whose result does not depend on the iteration order. */
    private static final Set<String> ORDER_FREE_MAP_METHODS = Set.of("get", "put", "containsKey", "containsValue",
            "remove", "size", "isEmpty", "clear", "putIfAbsent", "getOrDefault", "computeIfAbsent", "computeIfPresent",
            "compute", "merge", "replace", "equals", "hashCode");

    private enum Kind {
        VECTOR("Vector", "java.util.ArrayList"),
        HASHTABLE("Hashtable", "java.util.HashMap"),
        WRAPPER("synchronized wrapper", null);

        final String label;
        final String replacement;

        Kind(String label, String replacement) {
            this.label = label;
            this.replacement = replacement;
        }
    }

    @Override
    public void register(NodeHandlers handlers) {
        handlers.on(VariableDeclarationFragment.class, this::visit);
    }

    private void visit(VariableDeclarationFragment fragment, RuleContext context) {
        if (!(fragment.getParent() instanceof VariableDeclarationStatement statement)
                || fragment.resolveBinding() == null) {
            return;
        }
        Kind kind = kindOf(fragment.getInitializer());
        if (kind == null) {
            return;
        }
        LocalEscapes.Result uses = LocalEscapes.analyze(fragment, value -> kindOf(value) == kind);
        if (uses.escapes()) {
            return; // shared, or possibly shared: the lock may be doing its job
        }
        String name = fragment.getName().getIdentifier();
        String what = kind == Kind.WRAPPER
                ? "Collections." + ((MethodInvocation) Bindings.unwrap(fragment.getInitializer())).getName().getIdentifier()
                        + " wrapper"
                : kind.label;
        String instead = switch (kind) {
            case VECTOR -> "Use an ArrayList";
            case HASHTABLE -> "Use a HashMap";
            case WRAPPER -> "Use the wrapped collection directly";
        };
        String message = "'" + name + "' is a " + what + " that never leaves this method, yet each of its calls takes"
                + " a lock that no other thread can contend. " + instead + ", which does the same work without locking.";
        Confidence confidence = Confidence.high("initializer resolved to " + (kind == Kind.WRAPPER
                ? "java.util.Collections." + ((MethodInvocation) Bindings.unwrap(fragment.getInitializer())).getName()
                : (kind == Kind.VECTOR ? VECTOR : HASHTABLE))
                + "; every use is inside the method and none stores, returns, passes on or captures it");
        List<Expression> values = new ArrayList<>();
        values.add(Bindings.unwrap(fragment.getInitializer()));
        uses.writes().forEach(write -> values.add(Bindings.unwrap(write.getRightHandSide())));
        String whyNot = whyNoFix(kind, statement, values, uses);
        if (whyNot != null) {
            context.reportWithoutFix(fragment.getName(), message, confidence, whyNot);
            return;
        }
        String title = switch (kind) {
            case VECTOR -> "Use an ArrayList for '" + name + "'";
            case HASHTABLE -> "Use a HashMap for '" + name + "'";
            case WRAPPER -> "Drop the synchronized wrapper of '" + name + "'";
        };
        Type declaredType = statement.getType();
        context.report(fragment.getName(), message, confidence, Fix.of(dev.perflens.engine.fix.FixKind.CHANGE_COLLECTION_TYPE, title,
                rewrite -> apply(rewrite, kind, declaredType, values)));
    }

    private static Kind kindOf(Expression expression) {
        Expression e = expression == null ? null : Bindings.unwrap(expression);
        if (e instanceof ClassInstanceCreation creation && creation.getAnonymousClassDeclaration() == null) {
            ITypeBinding type = creation.resolveTypeBinding();
            if (Bindings.is(type, VECTOR)) {
                return Kind.VECTOR;
            }
            if (Bindings.is(type, HASHTABLE)) {
                return Kind.HASHTABLE;
            }
            return null;
        }
        if (e instanceof MethodInvocation call && WRAPPERS.contains(call.getName().getIdentifier())) {
            IMethodBinding binding = call.resolveMethodBinding();
            if (binding != null && Bindings.is(binding.getDeclaringClass(), "java.util.Collections")
                    && binding.getParameterTypes().length == 1) {
                return Kind.WRAPPER;
            }
        }
        return null;
    }

    private static String whyNoFix(Kind kind, VariableDeclarationStatement statement, List<Expression> values,
                                   LocalEscapes.Result uses) {
        if (statement.fragments().size() != 1) {
            return "the declaration also declares other variables";
        }
        Type declared = statement.getType();
        ITypeBinding declaredBinding = declared.resolveBinding();
        if (declaredBinding == null) {
            return "the declared type could not be resolved";
        }
        if (kind == Kind.WRAPPER) {
            if (declared.isVar()) {
                return "the variable is declared with var, so dropping the wrapper would change its type";
            }
            for (Expression value : values) {
                Expression wrapped = Bindings.unwrap((Expression) ((MethodInvocation) value).arguments().get(0));
                if (!(wrapped instanceof ClassInstanceCreation creation) || creation.getAnonymousClassDeclaration() != null) {
                    return "the wrapper wraps '" + wrapped + "', which other code may still reach without the lock";
                }
            }
            return null;
        }
        boolean vector = kind == Kind.VECTOR;
        boolean declaredOk = declared.isVar() || Bindings.is(declaredBinding, vector ? VECTOR : HASHTABLE)
                || (vector ? LIST_SUPERTYPES : MAP_SUPERTYPES).contains(declaredBinding.getErasure().getQualifiedName());
        if (!declaredOk) {
            return "it is declared as " + declaredBinding.getErasure().getName() + ", which "
                    + (vector ? "ArrayList" : "HashMap") + " is not";
        }
        for (Expression value : values) {
            String constructor = constructorProblem(kind, (ClassInstanceCreation) value);
            if (constructor != null) {
                return constructor;
            }
        }
        for (MethodInvocation call : uses.directCalls()) {
            IMethodBinding binding = call.resolveMethodBinding();
            if (!existsWithSameMeaning(binding, vector)) {
                return "it calls " + call.getName().getIdentifier() + "(...), which " + (vector ? "ArrayList" : "HashMap")
                        + " does not have";
            }
            if (!vector) {
                if (!ORDER_FREE_MAP_METHODS.contains(binding.getName())) {
                    return "it calls " + binding.getName() + "(...), whose result depends on the iteration order,"
                            + " and HashMap iterates in a different order than Hashtable";
                }
                String nullable = possiblyNullKeyOrValue(call);
                if (nullable != null) {
                    return "'" + nullable + "' may be null: Hashtable throws NullPointerException for a null key or"
                            + " value where HashMap accepts it, so the fix could change what happens";
                }
            }
        }
        if (!vector && uses.directCalls().size() < countReferences(statement, values)) {
            return "it is used other than through its own methods (iterated, printed or copied), which would"
                    + " show the iteration order, and HashMap's differs from Hashtable's";
        }
        if (vector && catchesArrayIndexOutOfBounds(statement.getParent())) {
            return "the code catches ArrayIndexOutOfBoundsException, which Vector throws for a bad index"
                    + " where ArrayList throws IndexOutOfBoundsException";
        }
        return null;
    }

    private static String constructorProblem(Kind kind, ClassInstanceCreation creation) {
        IMethodBinding constructor = creation.resolveConstructorBinding();
        if (constructor == null) {
            return "a constructor call could not be resolved";
        }
        ITypeBinding[] parameters = constructor.getParameterTypes();
        if (kind == Kind.VECTOR && parameters.length == 2) {
            return "new Vector(capacity, increment) has no ArrayList equivalent";
        }
        if (kind == Kind.HASHTABLE && parameters.length == 1 && !parameters[0].isPrimitive()) {
            return "new Hashtable(map) rejects null keys and values of the copied map, new HashMap(map) does not";
        }
        return null;
    }

    /** The method is one that ArrayList (HashMap) has too, with the same contract: a List (Map) method. */
    private static boolean existsWithSameMeaning(IMethodBinding binding, boolean vector) {
        if (binding == null) {
            return false;
        }
        IMethodBinding method = binding.getMethodDeclaration();
        String name = method.getName();
        if (name.equals("toString") && method.getParameterTypes().length == 0) {
            return true;
        }
        if (vector && (name.equals("ensureCapacity") || name.equals("trimToSize"))) {
            return true; // ArrayList declares both with the same signature
        }
        Set<String> contracts = vector ? Set.of("java.util.List", "java.util.Collection", "java.lang.Iterable",
                "java.util.SequencedCollection") : Set.of("java.util.Map");
        ITypeBinding owner = method.getDeclaringClass();
        if (owner.isInterface() && contracts.contains(owner.getErasure().getQualifiedName())) {
            return true;
        }
        for (ITypeBinding contract : interfacesOf(owner)) {
            if (!contracts.contains(contract.getErasure().getQualifiedName())) {
                continue;
            }
            for (IMethodBinding candidate : contract.getErasure().getDeclaredMethods()) {
                if (method.overrides(candidate) && !Modifier.isStatic(candidate.getModifiers())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<ITypeBinding> interfacesOf(ITypeBinding type) {
        List<ITypeBinding> result = new ArrayList<>();
        for (ITypeBinding t = type; t != null; t = t.getSuperclass()) {
            collectInterfaces(t, result);
        }
        return result;
    }

    private static void collectInterfaces(ITypeBinding type, List<ITypeBinding> into) {
        for (ITypeBinding i : type.getInterfaces()) {
            into.add(i);
            collectInterfaces(i, into);
        }
    }

    /** The first key or value argument of a Map call that might be null, or null when all are provably non-null. */
    private static String possiblyNullKeyOrValue(MethodInvocation call) {
        for (Object argument : call.arguments()) {
            Expression e = Bindings.unwrap((Expression) argument);
            ITypeBinding type = e.resolveTypeBinding();
            boolean function = type != null && type.getFunctionalInterfaceMethod() != null
                    && !Bindings.is(type, "java.lang.Object");
            if (!function && !NonNull.provably(e)) {
                return e.toString();
            }
        }
        return null;
    }

    private static int countReferences(VariableDeclarationStatement statement, List<Expression> values) {
        VariableDeclarationFragment fragment = (VariableDeclarationFragment) statement.fragments().get(0);
        int references = Bindings.referencesWithin(statement.getParent(), fragment.resolveBinding()).size();
        return references - (values.size() - 1); // reassignments are references too, but not uses
    }

    private static boolean catchesArrayIndexOutOfBounds(ASTNode scope) {
        boolean[] found = new boolean[1];
        scope.accept(new ASTVisitor() {
            @Override
            public boolean visit(CatchClause node) {
                Type type = node.getException().getType();
                List<?> types = type instanceof UnionType union ? union.types() : List.of(type);
                for (Object t : types) {
                    found[0] |= Bindings.is(((Type) t).resolveBinding(), "java.lang.ArrayIndexOutOfBoundsException");
                }
                return true;
            }
        });
        return found[0];
    }

    private static void apply(FixRewrite fix, Kind kind, Type declaredType, List<Expression> values) {
        ASTRewrite rewrite = fix.rewrite();
        List<ASTNode> replaced = new ArrayList<>();
        if (kind == Kind.WRAPPER) {
            for (Expression value : values) {
                MethodInvocation wrapper = (MethodInvocation) value;
                rewrite.replace(wrapper, rewrite.createCopyTarget((ASTNode) wrapper.arguments().get(0)), null);
                replaced.add(wrapper);
            }
            Imports.removeIfUnused(fix, "java.util.Collections", replaced);
            return;
        }
        String replacement = fix.importType(kind.replacement);
        String original = kind == Kind.VECTOR ? VECTOR : HASHTABLE;
        if (!declaredType.isVar() && Bindings.is(declaredType.resolveBinding(), original)) {
            Type base = declaredType instanceof ParameterizedType parameterized ? parameterized.getType() : declaredType;
            rewrite.replace(base, fix.ast().newSimpleType(fix.ast().newName(replacement)), null);
            replaced.add(base);
        }
        for (Expression value : values) {
            Type created = ((ClassInstanceCreation) value).getType();
            Type base = created instanceof ParameterizedType parameterized ? parameterized.getType() : created;
            rewrite.replace(base, fix.ast().newSimpleType(fix.ast().newName(replacement)), null);
            replaced.add(base);
        }
        Imports.removeIfUnused(fix, original, replaced);
    }
}
