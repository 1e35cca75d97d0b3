namespace MLNet.DeepSvdd.Baselines.Svm;

/// <summary>
/// A trained one-class SVM: the support vectors (training points with α_i &gt; 0) and their coefficients, ρ and γ. The decision function
/// is f(x) = Σ α_i exp(−γ‖x_i − x‖²) − ρ (LIBSVM's scaling, 0 ≤ α_i ≤ 1, Σα = νn; scikit-learn's <c>decision_function</c>); the anomaly
/// score is −f(x).
/// </summary>
internal sealed class OneClassSvmModel : IAnomalyScorer
{
    public const string KindName = "OneClassSvm";

    private readonly float[] supportVectors;
    private readonly double[] coefficients;

    private OneClassSvmModel(float[] supportVectors, double[] coefficients, int inputSize, double rho, double gamma, double nu,
        int trainingRows, int iterations, bool converged)
    {
        this.supportVectors = supportVectors;
        this.coefficients = coefficients;
        InputSize = inputSize;
        Rho = rho;
        Gamma = gamma;
        Nu = nu;
        TrainingRows = trainingRows;
        Iterations = iterations;
        Converged = converged;
    }

    public int InputSize { get; }

    public string Kind => KindName;

    public double Rho { get; }

    public double Gamma { get; }

    public double Nu { get; }

    public int TrainingRows { get; }

    public int Iterations { get; }

    public bool Converged { get; }

    public int SupportVectorCount => coefficients.Length;

    public IReadOnlyList<double> Coefficients => coefficients;

    public ReadOnlySpan<float> SupportVector(int k) => supportVectors.AsSpan(k * InputSize, InputSize);

    /// <summary>Keeps only the support vectors (α_i &gt; 0) of a solution, in training order.</summary>
    public static OneClassSvmModel FromSolution(FeatureMatrix data, SmoSolver.Result solution, double gamma, double nu)
    {
        var kept = Enumerable.Range(0, data.Rows).Where(i => solution.Alpha[i] > 0).ToArray();
        var vectors = new float[kept.Length * data.Columns];
        for (int k = 0; k < kept.Length; k++) data.Row(kept[k]).CopyTo(vectors.AsSpan(k * data.Columns, data.Columns));
        return new OneClassSvmModel(vectors, kept.Select(i => solution.Alpha[i]).ToArray(), data.Columns, solution.Rho, gamma, nu,
            data.Rows, solution.Iterations, solution.Converged);
    }

    /// <summary>f(x) = Σ α_i K(x_i, x) − ρ: positive inside the learned region, negative outside.</summary>
    public double Decision(ReadOnlySpan<float> x)
    {
        double sum = 0;
        for (int k = 0; k < coefficients.Length; k++) sum += coefficients[k] * RbfKernel.Value(SupportVector(k), x, Gamma);
        return sum - Rho;
    }

    public double Score(ReadOnlySpan<float> features) => -Decision(features);

    public void Write(BinaryWriter writer)
    {
        writer.Write(InputSize);
        writer.Write(Gamma);
        writer.Write(Nu);
        writer.Write(Rho);
        writer.Write(TrainingRows);
        writer.Write(Iterations);
        writer.Write(Converged);
        writer.Write(coefficients.Length);
        foreach (double c in coefficients) writer.Write(c);
        foreach (float v in supportVectors) writer.Write(v);
    }

    public static OneClassSvmModel Read(BinaryReader reader)
    {
        int inputSize = reader.ReadInt32();
        double gamma = reader.ReadDouble();
        double nu = reader.ReadDouble();
        double rho = reader.ReadDouble();
        int trainingRows = reader.ReadInt32();
        int iterations = reader.ReadInt32();
        bool converged = reader.ReadBoolean();
        int count = reader.ReadInt32();
        if (inputSize < 1 || count < 0 || !(gamma > 0)) throw new InvalidDataException("The saved one-class SVM is malformed.");
        var coefficients = new double[count];
        for (int k = 0; k < count; k++) coefficients[k] = reader.ReadDouble();
        var vectors = new float[checked(count * inputSize)];
        for (int k = 0; k < vectors.Length; k++) vectors[k] = reader.ReadSingle();
        return new OneClassSvmModel(vectors, coefficients, inputSize, rho, gamma, nu, trainingRows, iterations, converged);
    }
}
