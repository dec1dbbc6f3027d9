"""30-digit reference values for ConversionErrorTest.REFERENCE_VALUES (ConversionError.fitted).

Each piece of the conversion-error integral (METHOD.md section 4: y(z) = v N_T(z) / T against a(z) = clip(z, 0, mu),
weight 1 - p0 = 0.7) is integrated with mpmath's tanh-sinh quadrature at 30 digits, split at the density's kinks.
Run with python3 (mpmath); it writes family|setting|mean error|MSE, one line per case, to stdout.
"""
import mpmath as mp
mp.mp.dps = 30
def gamma_pdf(a, s):
    return lambda z: z**(a-1)*mp.e**(-z/s)/(mp.gamma(a)*s**a) if z > 0 else mp.mpf(0)
fams = {
 "Uniform[upper=1.3]": (lambda z: mp.mpf(1)/mp.mpf('1.3') if 0 <= z <= mp.mpf('1.3') else mp.mpf(0), [mp.mpf('1.3')]),
 "HalfNormal[sigma=0.6]": (lambda z: mp.sqrt(2/mp.pi)/mp.mpf('0.6')*mp.e**(-z**2/(2*mp.mpf('0.6')**2)), []),
 "Exponential[mean=0.5]": (lambda z: mp.e**(-z/mp.mpf('0.5'))/mp.mpf('0.5'), []),
 "Gamma[shape=1.5, scale=0.4]": (gamma_pdf(mp.mpf('1.5'), mp.mpf('0.4')), []),
 "Gamma[shape=0.5, scale=0.5]": (gamma_pdf(mp.mpf('0.5'), mp.mpf('0.5')), []),
 "LogNormal[logMean=-0.8, logSd=0.7]": (lambda z: mp.e**(-(mp.log(z)+mp.mpf('0.8'))**2/(2*mp.mpf('0.7')**2))/(z*mp.mpf('0.7')*mp.sqrt(2*mp.pi)) if z > 0 else mp.mpf(0), []),
 "Laplace[location=0.4, scale=0.3]": (lambda z: mp.e**(-abs(z-mp.mpf('0.4'))/mp.mpf('0.3'))/(2*mp.mpf('0.3')), [mp.mpf('0.4')]),
}
settings = [(0.8,0.9,0,2),(1,1,0.5,4),(0.6,1.1,0.1,3),(0.5,0.7,0.2,2),(1.2,1.5,0,3),(0.9,1.0,0.45,16)]
mus = [1.0,1.0,1.0,0.4,mp.inf,1.0]
def spikes(z, th, u0, T):
    x = (T*z+u0)/th
    if x >= T: return T
    if x < 1: return 0
    return int(mp.floor(x))
out=[]
for name,(f,kinks) in fams.items():
    for i,(th,v,u0,T) in enumerate(settings):
        th,v,u0=mp.mpf(str(th)),mp.mpf(str(v)),mp.mpf(str(u0))
        mu = mus[i] if mus[i]==mp.inf else mp.mpf(str(mus[i]))
        pts = [mp.mpf(0)] + [(k*th-u0)/T for k in range(1,T+1)] + [mu if mu!=mp.inf else mp.mpf(0)]
        pts.sort()
        m1=m2=mp.mpf(0)
        def integ(g, l, r):
            nodes=[l]+[k for k in kinks if l<k<r]+[r]
            return mp.quad(lambda z: g(z)*f(z), nodes)
        for l,r in zip(pts,pts[1:]):
            if not r>l: continue
            c = v*spikes((l+r)/2,th,u0,T)/T
            if (l+r)/2 >= mu:
                e=c-mu; p=integ(lambda z:1,l,r); m1+=e*p; m2+=e*e*p
            else:
                m1+=integ(lambda z:c-z,l,r); m2+=integ(lambda z:(c-z)**2,l,r)
        top=pts[-1]
        if mu!=mp.inf:
            e=v-mu; p=integ(lambda z:1,top,mp.inf) if not kinks or kinks[0]<=top else integ(lambda z:1,top,kinks[0])+integ(lambda z:1,kinks[0],mp.inf)
            m1+=e*p; m2+=e*e*p
        else:
            nodes=[top]+[k for k in kinks if k>top]+[mp.inf]
            m1+=mp.quad(lambda z:(v-z)*f(z),nodes); m2+=mp.quad(lambda z:(v-z)**2*f(z),nodes)
        w=mp.mpf('0.7')
        out.append("%s|%d|%s|%s"%(name,i,mp.nstr(w*m1,20),mp.nstr(w*m2,20)))
print("\n".join(out))
