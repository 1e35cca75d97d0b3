// Scores a folder of images with a Deep SVDD detector exported to ONNX; the command line is ScoringApp.cs (System.CommandLine).
return OnnxScoring.ScoringApp.Run(args, Console.Out, Console.Error);
